package org.rnnkit.nn.layer;

import java.util.List;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;

/**
 * Layer normalisation (Ba, Kiros and Hinton 2016) as a layer of its own, as {@code
 * torch.nn.LayerNorm(F, eps, elementwise_affine)}: every step of every sequence is standardised
 * over its F features, then scaled and shifted; the same in training and at inference.
 *
 * <pre>
 *   mu, var = mean and biased variance of the row's F features
 *   y = gamma * (x - mu) / sqrt(var + eps) + beta
 *   backward:  dgamma = sum over rows of dy xhat,  dbeta = sum dy,
 *              dx = the gradient through the row's mean and variance of dxhat = dy gamma
 * </pre>
 *
 * <p>Shapes: x and y {@code T x B x F} (padded steps output zeros and pass no gradient); gamma and
 * beta {@code 1 x F}, named {@code <name>.weight} and {@code <name>.bias}, initialised to ones and
 * zeros, absent when not affine. Default {@code eps = 1e-5}, as PyTorch.
 */
public final class LayerNorm implements Layer {
  /** PyTorch's default {@code eps}. */
  public static final double DEFAULT_EPSILON = 1e-5;

  private final String name;
  private final int features;
  private final double epsilon;
  private final Parameter weight;
  private final Parameter bias;
  private Sequence latest;
  private double[] xhat = new double[0];
  private double[] invStd = new double[0];

  /** {@code LayerNorm(features)}: PyTorch's defaults. */
  public LayerNorm(String name, int features) {
    this(name, features, DEFAULT_EPSILON, true);
  }

  /**
   * @param name the prefix of the parameter names
   * @param features F, at least 1
   * @param epsilon added to the variance, positive
   * @param affine whether gamma and beta exist (PyTorch's {@code elementwise_affine})
   */
  public LayerNorm(String name, int features, double epsilon, boolean affine) {
    if (features < 1) {
      throw new IllegalArgumentException(
          "layer norm %s needs at least 1 feature, got %d".formatted(name, features));
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException(
          "layer norm epsilon must be positive and finite, got " + epsilon);
    }
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

  @Override
  public List<Parameter> parameters() {
    return weight == null ? List.of() : List.of(weight, bias);
  }

  @Override
  public Sequence forward(Sequence x, boolean training) {
    if (x.features() != features) {
      throw new IllegalArgumentException(
          "layer norm %s expects %d features, got %s".formatted(name, features, x.shape()));
    }
    x.requireFinite("layer norm input");
    latest = x;
    int rows = x.steps() * x.batch();
    if (invStd.length < rows) {
      invStd = new double[rows];
      xhat = new double[rows * features];
    }
    double[] in = x.values().data;
    Sequence y = new Sequence(x.steps(), x.batch(), features).withLengths(x.lengths());
    double[] out = y.values().data;
    for (int r = 0; r < rows; r++) {
      int start = r * features;
      double mean = Standardization.mean(in, start, 1, features);
      double variance = Standardization.variance(in, start, 1, features, mean);
      invStd[r] = 1 / Math.sqrt(variance + epsilon);
      // xhat = (x - mu) / sqrt(var + eps);  y = gamma xhat + beta
      Standardization.standardize(in, start, 1, features, mean, invStd[r], xhat);
      for (int f = 0; f < features; f++) {
        double v = xhat[start + f];
        out[start + f] = weight == null ? v : weight.value().data[f] * v + bias.value().data[f];
      }
    }
    return y.zeroPadding();
  }

  @Override
  public Sequence backward(Sequence dy) {
    if (latest == null) {
      throw new IllegalStateException("call forward before backward");
    }
    if (dy.steps() != latest.steps() || dy.batch() != latest.batch() || dy.features() != features) {
      throw new IllegalArgumentException(
          "layer norm gradient must be %s like the output, got %s"
              .formatted(latest.shape(), dy.shape()));
    }
    // padded steps pass no gradient
    Sequence dx = dy.copy().withLengths(latest.lengths()).zeroPadding();
    double[] g = dx.values().data;
    int rows = latest.steps() * latest.batch();
    for (int i = 0; i < rows * features; i++) {
      if (weight != null) {
        int f = i % features;
        // dgamma += dy xhat;  dbeta += dy;  dxhat = dy gamma
        weight.grad().data[f] += g[i] * xhat[i];
        bias.grad().data[f] += g[i];
        g[i] *= weight.value().data[f];
      }
    }
    for (int r = 0; r < rows; r++) {
      Standardization.backward(g, xhat, r * features, 1, features, invStd[r], g);
    }
    return dx.zeroPadding();
  }
}
