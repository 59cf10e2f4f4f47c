package org.rnnkit.metrics;

import org.rnnkit.nn.Sequence;

/** {@code |y - t|^p} averaged over every real element: MAE for p = 1, MSE for p = 2. */
final class ElementwiseError implements Metric {
  private final String name;
  private final int power;

  ElementwiseError(String name, int power) {
    this.name = name;
    this.power = power;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Tally tally(Sequence prediction, Sequence target) {
    if (prediction.steps() != target.steps()
        || prediction.batch() != target.batch()
        || prediction.features() != target.features()) {
      throw new IllegalArgumentException(
          "%s needs prediction and target of one shape, got prediction %s and target %s"
              .formatted(name, prediction.shape(), target.shape()));
    }
    int features = prediction.features();
    int rows = prediction.steps() * prediction.batch();
    double[] y = prediction.values().data;
    double[] t = target.values().data;
    double sum = 0;
    long count = 0;
    for (int n = 0; n < rows; n++) {
      if (Rows.isReal(prediction, target, n)) {
        for (int i = n * features; i < (n + 1) * features; i++) {
          double e = Math.abs(y[i] - t[i]);
          sum += power == 1 ? e : e * e;
        }
        count += features;
      }
    }
    return new Tally(sum, count);
  }

  @Override
  public String toString() {
    return name;
  }
}
