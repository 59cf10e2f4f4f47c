package org.rnnkit.loss;

import org.rnnkit.nn.Sequence;

/** Which rows (steps of sequences) of a padded batch hold real data. */
final class Masks {
  private Masks() {}

  /**
   * {@code real[t*B + b]} is true when step t of sequence b is real in the prediction (or, if the
   * prediction is not padded, in the target).
   */
  static boolean[] realRows(Sequence prediction, Sequence target) {
    Sequence masked = prediction.lengths() != null ? prediction : target;
    int batch = masked.batch();
    boolean[] real = new boolean[masked.steps() * batch];
    for (int row = 0; row < real.length; row++) {
      real[row] = masked.isReal(row / batch, row % batch);
    }
    return real;
  }

  static int count(boolean[] real) {
    int n = 0;
    for (boolean r : real) {
      n += r ? 1 : 0;
    }
    return n;
  }
}
