package org.rnnkit.metrics;

import org.rnnkit.nn.Sequence;

/** Accuracy counting a row as right when its target class is among the k largest outputs. */
final class TopKAccuracy implements Metric {
  private final int k;

  TopKAccuracy(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("top-k accuracy needs k of at least 1, got " + k);
    }
    this.k = k;
  }

  @Override
  public String name() {
    return k == 1 ? "accuracy" : "top" + k + "_accuracy";
  }

  @Override
  public Tally tally(Sequence prediction, Sequence target) {
    Rows.requireClassTargets(name(), prediction, target);
    int rows = prediction.steps() * prediction.batch();
    long hits = 0;
    long count = 0;
    for (int n = 0; n < rows; n++) {
      if (Rows.isReal(prediction, target, n)) {
        int c = Rows.classIndex(target, n, prediction.features());
        hits += Rows.rank(prediction, n, c) < k ? 1 : 0;
        count++;
      }
    }
    return new Tally(hits, count);
  }

  @Override
  public String toString() {
    return name();
  }
}
