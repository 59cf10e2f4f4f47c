package org.rnnkit.nn.layer;

import java.util.List;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;

/**
 * Keeps only the last real step of every sequence, for many-to-one models (a sequence in, one value
 * out): {@code y_b = x[length(b)-1, b]}, a one-step sequence; backward puts the gradient at that
 * step and zeros elsewhere. Padded sequences are read at their own last step.
 */
public final class LastStep implements Layer {
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
    return x.lastStep();
  }

  @Override
  public Sequence backward(Sequence dy) {
    if (steps == 0) {
      throw new IllegalStateException("call forward before backward");
    }
    if (dy.steps() != 1 || dy.batch() != batch || dy.features() != features) {
      throw new IllegalArgumentException(
          "last-step gradient must be T=1, B=%d, F=%d, got %s"
              .formatted(batch, features, dy.shape()));
    }
    Sequence dx = new Sequence(steps, batch, features).withLengths(lengths);
    for (int b = 0; b < batch; b++) {
      int t = dx.length(b) - 1;
      System.arraycopy(
          dy.values().data, b * features, dx.values().data, (t * batch + b) * features, features);
    }
    return dx;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }
}
