package org.rnnkit.nn.layer;

/**
 * The arithmetic that {@link BatchNorm} (one feature over the rows of a batch) and {@link
 * LayerNorm} (one row over its features) share: standardising n values {@code x_i = x[start + i *
 * stride]} and the gradient of that map.
 *
 * <pre>
 *   mu = (1/n) sum x_i,   var = (1/n) sum (x_i - mu)^2  (biased),   s = 1 / sqrt(var + eps)
 *   xhat_i = (x_i - mu) s
 *   backward, given g_i = dL/dxhat_i:
 *   dx_i = (s / n) (n g_i - sum_j g_j - xhat_i sum_j g_j xhat_j)
 * </pre>
 */
final class Standardization {
  private Standardization() {}

  /** {@code (1/n) sum x_i}. */
  static double mean(double[] x, int start, int stride, int n) {
    double sum = 0;
    for (int i = 0, k = start; i < n; i++, k += stride) {
      sum += x[k];
    }
    return sum / n;
  }

  /** {@code (1/n) sum (x_i - mean)^2}, the biased variance. */
  static double variance(double[] x, int start, int stride, int n, double mean) {
    double sum = 0;
    for (int i = 0, k = start; i < n; i++, k += stride) {
      double d = x[k] - mean;
      sum += d * d;
    }
    return sum / n;
  }

  /**
   * {@code xhat_i = (x_i - mean) * invStd}.
   *
   * @param x Not modified.
   * @param xhat Modified: written at the same positions as x; may be x itself.
   */
  static void standardize(
      double[] x, int start, int stride, int n, double mean, double invStd, double[] xhat) {
    for (int i = 0, k = start; i < n; i++, k += stride) {
      xhat[k] = (x[k] - mean) * invStd;
    }
  }

  /**
   * {@code dx_i = (s / n) (n g_i - sum g - xhat_i sum g xhat)}: the gradient through the batch's
   * own mean and variance.
   *
   * @param g Not modified. {@code dL/dxhat} at the positions of x.
   * @param xhat Not modified.
   * @param dx Modified: written at the same positions; may be g itself.
   */
  static void backward(
      double[] g, double[] xhat, int start, int stride, int n, double invStd, double[] dx) {
    double sumG = 0;
    double sumGx = 0;
    for (int i = 0, k = start; i < n; i++, k += stride) {
      sumG += g[k];
      sumGx += g[k] * xhat[k];
    }
    double scale = invStd / n;
    for (int i = 0, k = start; i < n; i++, k += stride) {
      dx[k] = scale * (n * g[k] - sumG - xhat[k] * sumGx);
    }
  }
}
