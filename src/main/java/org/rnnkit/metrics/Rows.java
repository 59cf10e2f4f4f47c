package org.rnnkit.metrics;

import org.rnnkit.nn.Sequence;

/** Shape checks and row access shared by the metrics. */
final class Rows {
  private Rows() {}

  /**
   * True when row {@code n = t*B + b} is real: in the prediction if it is padded, else in the
   * target.
   */
  static boolean isReal(Sequence prediction, Sequence target, int n) {
    Sequence masked = prediction.lengths() != null ? prediction : target;
    int batch = masked.batch();
    return masked.isReal(n / batch, n % batch);
  }

  /** Fails unless the target is {@code T x B x 1} class indices for a {@code T x B x C} output. */
  static void requireClassTargets(String metric, Sequence prediction, Sequence target) {
    if (prediction.steps() != target.steps()
        || prediction.batch() != target.batch()
        || target.features() != 1) {
      throw new IllegalArgumentException(
          "%s needs a target of T=%d, B=%d, F=1 (class indices) for a prediction %s, got %s"
              .formatted(
                  metric,
                  prediction.steps(),
                  prediction.batch(),
                  prediction.shape(),
                  target.shape()));
    }
    if (prediction.features() < 2) {
      throw new IllegalArgumentException(
          ("%s needs one output per class (at least 2), the prediction has %d; use mse or mae for a"
                  + " regression model")
              .formatted(metric, prediction.features()));
    }
  }

  /** The class index in row n of the target; fails naming the step and sequence if it is none. */
  static int classIndex(Sequence target, int n, int classes) {
    double value = target.values().data[n];
    int c = (int) value;
    if (c != value || c < 0 || c >= classes) {
      int batch = target.batch();
      throw new IllegalArgumentException(
          "target at step %d, sequence %d is %s; expected a class index in 0..%d"
              .formatted(n / batch, n % batch, value, classes - 1));
    }
    return c;
  }

  /** How many outputs of row n rank above class c: larger, or equal at a lower index. */
  static int rank(Sequence prediction, int n, int c) {
    int classes = prediction.features();
    double[] z = prediction.values().data;
    double mine = z[n * classes + c];
    int above = 0;
    for (int k = 0; k < classes; k++) {
      double other = z[n * classes + k];
      if (other > mine || (other == mine && k < c)) {
        above++;
      }
    }
    return above;
  }
}
