package org.rnnkit.nn.layer;

import org.rnnkit.nn.Sequence;

/**
 * Averages every sequence over its real steps, for many-to-one models that should weigh the whole
 * sequence rather than its last step (a bidirectional layer's reverse half has read only one step
 * at the last position):
 *
 * <pre>
 *   y_b = (1 / L_b) sum_{t=0}^{L_b - 1} x[t, b]          x: T x B x F,  y: 1 x B x F
 *   backward:  dx[t, b] = dy_b / L_b  for t &lt; L_b,  0 at padded steps
 * </pre>
 *
 * with {@code L_b} the length of sequence b ({@link Sequence#length}). No parameters.
 */
public final class MeanOverSteps extends StepPooling {

  /** A head that averages each sequence over its real steps. */
  public MeanOverSteps() {
    super("mean-over-steps");
  }

  @Override
  Sequence pool(Sequence x) {
    int batch = x.batch();
    int features = x.features();
    Sequence y = new Sequence(1, batch, features);
    double[] in = x.values().data;
    double[] out = y.values().data;
    for (int b = 0; b < batch; b++) {
      int length = x.length(b);
      for (int t = 0; t < length; t++) {
        int from = (t * batch + b) * features;
        for (int f = 0; f < features; f++) {
          out[b * features + f] += in[from + f];
        }
      }
      for (int f = 0; f < features; f++) {
        out[b * features + f] /= length;
      }
    }
    return y;
  }

  @Override
  void spread(double[] dy, Sequence dx) {
    int batch = dx.batch();
    int features = dx.features();
    double[] out = dx.values().data;
    for (int b = 0; b < batch; b++) {
      int length = dx.length(b);
      for (int t = 0; t < length; t++) {
        int to = (t * batch + b) * features;
        for (int f = 0; f < features; f++) {
          out[to + f] = dy[b * features + f] / length;
        }
      }
    }
  }
}
