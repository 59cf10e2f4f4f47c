package org.rnnkit.nn.layer;

import java.util.List;
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
public final class LayerNorm extends Normalization {
  /** PyTorch's default {@code eps}. */
  public static final double DEFAULT_EPSILON = 1e-5;

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
    super("layer norm", name, features, epsilon, affine);
  }

  @Override
  public List<Parameter> parameters() {
    return weight == null ? List.of() : List.of(weight, bias);
  }

  @Override
  public Sequence forward(Sequence x, boolean training) {
    requireInput(x);
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
        out[start + f] = scaleAndShift(xhat[start + f], f);
      }
    }
    return y.zeroPadding();
  }

  @Override
  public Sequence backward(Sequence dy) {
    requireGradient(latest, dy);
    // padded steps pass no gradient
    Sequence dx = dy.copy().withLengths(latest.lengths()).zeroPadding();
    double[] g = dx.values().data;
    int rows = latest.steps() * latest.batch();
    scaleAndShiftBackward(g, xhat, rows * features);
    for (int r = 0; r < rows; r++) {
      Standardization.backward(g, xhat, r * features, 1, features, invStd[r], g);
    }
    return dx.zeroPadding();
  }
}
