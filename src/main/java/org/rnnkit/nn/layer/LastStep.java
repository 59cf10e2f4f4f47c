package org.rnnkit.nn.layer;

import org.rnnkit.nn.Sequence;

/**
 * Keeps only the last real step of every sequence, for many-to-one models (a sequence in, one value
 * out): {@code y_b = x[length(b)-1, b]}, a one-step sequence; backward puts the gradient at that
 * step and zeros elsewhere. Padded sequences are read at their own last step.
 */
public final class LastStep extends StepPooling {

  /** A head that keeps each sequence's last real step. */
  public LastStep() {
    super("last-step");
  }

  @Override
  Sequence pool(Sequence x) {
    return x.lastStep();
  }

  @Override
  void spread(double[] dy, Sequence dx) {
    int batch = dx.batch();
    int features = dx.features();
    for (int b = 0; b < batch; b++) {
      int t = dx.length(b) - 1;
      System.arraycopy(dy, b * features, dx.values().data, (t * batch + b) * features, features);
    }
  }
}
