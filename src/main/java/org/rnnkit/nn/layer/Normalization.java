package org.rnnkit.nn.layer;

import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;

/**
 * What {@link BatchNorm} and {@link LayerNorm} share around their statistics (which differ, and
 * whose arithmetic is {@link Standardization}'s): the name, F and eps with their checks, the
 * optional affine map and its gradients, and the checks of an input and of an output gradient.
 *
 * <pre>
 *   y = gamma * xhat + beta           (xhat the standardised input; y = xhat when not affine)
 *   backward:  dgamma = sum dy xhat,  dbeta = sum dy,  dxhat = dy gamma
 * </pre>
 *
 * <p>gamma and beta are {@code 1 x F}, named {@code <name>.weight} and {@code <name>.bias},
 * initialised to ones and zeros.
 */
abstract sealed class Normalization implements Layer permits BatchNorm, LayerNorm {
  /** How messages call the layer: {@code batch norm}, {@code layer norm}. */
  private final String kind;

  final String name;
  final int features;
  final double epsilon;

  /** gamma and beta, or null when not affine. */
  final Parameter weight;

  final Parameter bias;

  /**
   * @param kind how messages call the layer, e.g. {@code batch norm}
   * @param name the prefix of the parameter names
   * @param features F, at least 1
   * @param epsilon added to the variance, positive
   * @param affine whether gamma and beta exist
   */
  Normalization(String kind, String name, int features, double epsilon, boolean affine) {
    if (features < 1) {
      throw new IllegalArgumentException(
          "%s %s needs at least 1 feature, got %d".formatted(kind, name, features));
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException(
          kind + " epsilon must be positive and finite, got " + epsilon);
    }
    this.kind = kind;
    this.name = name;
    this.features = features;
    this.epsilon = epsilon;
    weight = affine ? new Parameter(name + ".weight", 1, features) : null;
    bias = affine ? new Parameter(name + ".bias", 1, features) : null;
    if (affine) {
      weight.value().fill(1);
    }
  }

  public String name() {
    return name;
  }

  public int features() {
    return features;
  }

  public double epsilon() {
    return epsilon;
  }

  public boolean affine() {
    return weight != null;
  }

  /** Fails unless x has F features, all finite. */
  void requireInput(Sequence x) {
    if (x.features() != features) {
      throw new IllegalArgumentException(
          "%s %s expects %d features, got %s".formatted(kind, name, features, x.shape()));
    }
    x.requireFinite(kind + " input");
  }

  /**
   * Fails unless a forward ran ({@code latest}, its input, not null) and dy has its shape.
   *
   * @param latest the latest forward's input, or null
   */
  void requireGradient(Sequence latest, Sequence dy) {
    if (latest == null) {
      throw new IllegalStateException("call forward before backward");
    }
    if (dy.steps() != latest.steps() || dy.batch() != latest.batch() || dy.features() != features) {
      throw new IllegalArgumentException(
          "%s gradient must be %s like the output, got %s"
              .formatted(kind, latest.shape(), dy.shape()));
    }
  }

  /** {@code gamma_f xhat + beta_f}, or xhat when not affine. */
  double scaleAndShift(double xhat, int f) {
    return weight == null ? xhat : weight.value().data[f] * xhat + bias.value().data[f];
  }

  /**
   * Backward through {@link #scaleAndShift}: {@code dgamma += dy xhat}, {@code dbeta += dy}, then
   * {@code dy} becomes {@code dxhat = dy gamma}; nothing when not affine.
   *
   * @param dy Modified: {@code count} values, rows of F, replaced by {@code dL/dxhat}.
   * @param xhat Not modified: the same positions as dy.
   */
  void scaleAndShiftBackward(double[] dy, double[] xhat, int count) {
    if (weight == null) {
      return;
    }
    for (int i = 0; i < count; i++) {
      int f = i % features;
      // dgamma += dy xhat;  dbeta += dy;  dxhat = dy gamma
      weight.grad().data[f] += dy[i] * xhat[i];
      bias.grad().data[f] += dy[i];
      dy[i] *= weight.value().data[f];
    }
  }
}
