package org.rnnkit.train;

/**
 * Training produced a non-finite loss, gradient or weight. The model keeps the weights of the last
 * good update; the message says where it happened and what to change.
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(String message) {
    super(message);
  }
}
