package org.rnnkit.nn.layer;

import java.util.List;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;

/**
 * Keeps only the last step of every sequence, for many-to-one models (a sequence in, one value
 * out): {@code y = x[T-1]}, a one-step sequence; backward puts the gradient at step T-1 and zeros
 * elsewhere.
 */
public final class LastStep implements Layer {
  private int steps;
  private int batch;
  private int features;

  @Override
  public Sequence forward(Sequence x, boolean training) {
    steps = x.steps();
    batch = x.batch();
    features = x.features();
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
    Sequence dx = new Sequence(steps, batch, features);
    int block = batch * features;
    System.arraycopy(dy.values().data, 0, dx.values().data, (steps - 1) * block, block);
    return dx;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }
}
