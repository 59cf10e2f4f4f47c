package org.rnnkit.tasks;

import org.rnnkit.nn.Sequence;

/** Helpers shared by the tasks' scoring. */
final class Scoring {
  /** Test examples per inference batch. */
  static final int CHUNK = 100;

  private Scoring() {}

  /** The class with the largest logit at (t, b). */
  static int argmax(Sequence logits, int t, int b) {
    int best = 0;
    for (int k = 1; k < logits.features(); k++) {
      if (logits.get(t, b, k) > logits.get(t, b, best)) {
        best = k;
      }
    }
    return best;
  }

  /** A one-hot row of {@code size} with a 1 at {@code index}. */
  static double[] oneHot(int index, int size) {
    double[] row = new double[size];
    row[index] = 1;
    return row;
  }
}
