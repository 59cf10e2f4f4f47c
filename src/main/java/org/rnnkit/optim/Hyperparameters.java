package org.rnnkit.optim;

/**
 * Range checks for optimizer and schedule hyperparameters. Each failure names the hyperparameter,
 * the allowed range, the value received and, as {@code fix}, what to use instead (usually PyTorch's
 * default).
 */
final class Hyperparameters {
  private Hyperparameters() {}

  /** Fails unless {@code value} is finite and at least 0. */
  static double nonNegative(String name, double value, String fix) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "%s must be a finite number >= 0, got %s; %s".formatted(name, value, fix));
    }
    return value;
  }

  /** Fails unless {@code value} is finite and greater than 0. */
  static double positive(String name, double value, String fix) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "%s must be a finite number > 0, got %s; %s".formatted(name, value, fix));
    }
    return value;
  }

  /** Fails unless {@code 0 <= value < 1}, the range of a moving-average coefficient. */
  static double decayRate(String name, double value, String fix) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(
          "%s must be in [0, 1), got %s; %s".formatted(name, value, fix));
    }
    return value;
  }

  /** Fails unless {@code value >= 0}. */
  static int nonNegative(String name, int value, String fix) {
    if (value < 0) {
      throw new IllegalArgumentException(
          "%s must be at least 0, got %d; %s".formatted(name, value, fix));
    }
    return value;
  }

  /** Fails unless {@code value >= 1}. */
  static int atLeastOne(String name, int value, String hint) {
    if (value < 1) {
      throw new IllegalArgumentException(
          "%s must be at least 1, got %d; %s".formatted(name, value, hint));
    }
    return value;
  }
}
