package org.rnnkit.nn.layer;

import java.util.List;
import java.util.Random;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Randomized;
import org.rnnkit.nn.Sequence;

/**
 * Inverted dropout (Srivastava et al. 2014), as {@code torch.nn.Dropout(p)}: while training each
 * element is zeroed with probability p and the survivors are scaled by {@code 1/(1-p)}, so that
 * inference needs no rescaling; at inference the layer is the identity.
 *
 * <pre>
 *   training:  m_i = (u_i >= p) / (1 - p),  u_i ~ U(0, 1);   y = x * m;   dx = dy * m
 *   inference: y = x;  dx = dy
 * </pre>
 */
public final class Dropout implements Layer, Randomized {
  private final double probability;
  private Random rng;
  private double[] mask;

  /**
   * @param probability p in [0, 1): the chance that an element is dropped
   * @param seed the seed of the dropout mask stream
   */
  public Dropout(double probability, long seed) {
    if (!(probability >= 0 && probability < 1)) {
      throw new IllegalArgumentException(
          "dropout probability must be in [0, 1), got " + probability);
    }
    this.probability = probability;
    this.rng = new Random(seed);
  }

  public double probability() {
    return probability;
  }

  @Override
  public void reseed(long seed) {
    rng = new Random(seed);
  }

  @Override
  public Sequence forward(Sequence x, boolean training) {
    Sequence y = x.copy();
    if (!training || probability == 0) {
      mask = null;
      return y;
    }
    int n = x.values().getNumElements();
    mask = new double[n];
    double keep = 1 / (1 - probability);
    for (int i = 0; i < n; i++) {
      mask[i] = rng.nextDouble() >= probability ? keep : 0;
      y.values().data[i] *= mask[i];
    }
    return y;
  }

  @Override
  public Sequence backward(Sequence dy) {
    Sequence dx = dy.copy();
    if (mask != null) {
      if (mask.length != dy.values().getNumElements()) {
        throw new IllegalArgumentException(
            "dropout gradient has %d elements, the latest forward had %d"
                .formatted(dy.values().getNumElements(), mask.length));
      }
      for (int i = 0; i < mask.length; i++) {
        dx.values().data[i] *= mask[i];
      }
    }
    return dx;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }
}
