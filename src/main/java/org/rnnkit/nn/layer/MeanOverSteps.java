package org.rnnkit.nn.layer;

import java.util.List;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
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
public final class MeanOverSteps implements Layer {
  private int steps;
  private int batch;
  private int features;
  private int[] lengths;

  @Override
  public Sequence forward(Sequence x, boolean training) {
    steps = x.steps();
    batch = x.batch();
    features = x.features();
    lengths = x.lengths();
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
  public Sequence backward(Sequence dy) {
    if (steps == 0) {
      throw new IllegalStateException("call forward before backward");
    }
    if (dy.steps() != 1 || dy.batch() != batch || dy.features() != features) {
      throw new IllegalArgumentException(
          "mean-over-steps gradient must be T=1, B=%d, F=%d, got %s"
              .formatted(batch, features, dy.shape()));
    }
    Sequence dx = new Sequence(steps, batch, features).withLengths(lengths);
    double[] g = dy.values().data;
    double[] out = dx.values().data;
    for (int b = 0; b < batch; b++) {
      int length = dx.length(b);
      for (int t = 0; t < length; t++) {
        int to = (t * batch + b) * features;
        for (int f = 0; f < features; f++) {
          out[to + f] = g[b * features + f] / length;
        }
      }
    }
    return dx;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }
}
