package org.rnnkit.data;

import org.rnnkit.nn.Sequence;

/**
 * One training example: an input sequence and its target, each a batch of one ({@code B = 1}). The
 * target has either one step per input step (sequence-to-sequence, e.g. next-value or
 * next-character prediction) or a single step (many-to-one, e.g. classification or a forecast from
 * a window).
 */
public record Example(Sequence input, Sequence target) {

  public Example {
    if (input.batch() != 1 || target.batch() != 1) {
      throw new IllegalArgumentException(
          "an example holds one sequence; got input %s and target %s"
              .formatted(input.shape(), target.shape()));
    }
    if (target.steps() != 1 && target.steps() != input.steps()) {
      throw new IllegalArgumentException(
          "target must have 1 step (many-to-one) or one per input step (%d), got %d"
              .formatted(input.steps(), target.steps()));
    }
  }

  /**
   * @param input Not modified. {@code T x F}: one row per step.
   * @param target Not modified. {@code T x O} or {@code 1 x O}.
   */
  public static Example of(double[][] input, double[][] target) {
    return new Example(
        Sequence.fromBatchFirst(new double[][][] {input}),
        Sequence.fromBatchFirst(new double[][][] {target}));
  }

  /** True when the target has one step per input step. */
  public boolean isSequenceToSequence() {
    return target.steps() == input.steps() && input.steps() > 1;
  }
}
