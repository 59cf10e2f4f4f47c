package org.rnnkit.optim;

import java.util.List;

/**
 * The moment estimates and parameter update that {@link Adam} and {@link AdamW} share; they differ
 * only in how weight decay enters. PyTorch 1.13's {@code _single_tensor_adam}, at step {@code t}:
 *
 * <pre>
 *   m = beta1 * m + (1 - beta1) * g                      (exp_avg)
 *   v = beta2 * v + (1 - beta2) * g^2                    (exp_avg_sq)
 *   vMax = max(vMax, v);  v' = vMax if amsgrad, else v   (max_exp_avg_sq)
 *   w = w - (lr / (1 - beta1^t)) * m / (sqrt(v') / sqrt(1 - beta2^t) + eps)
 * </pre>
 */
final class AdamMoments {
  private AdamMoments() {}

  /** Buffer names, in the order {@link #update} takes them. */
  static List<String> bufferNames(boolean amsgrad) {
    return amsgrad
        ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
        : List.of("exp_avg", "exp_avg_sq");
  }

  /**
   * @param w Modified. Parameter values.
   * @param g Not modified. Gradient, with any coupled weight decay already added.
   * @param t the parameter's step number, from 1
   * @param buffers Modified. m, v and, with amsgrad, vMax.
   */
  static void update(
      double[] w, double[] g, int n, long t, double[][] buffers, double lr, Adam.Config c) {
    double[] m = buffers[0];
    double[] v = buffers[1];
    double[] vMax = c.amsgrad() ? buffers[2] : null;
    double beta1 = c.beta1();
    double beta2 = c.beta2();
    double stepSize = lr / (1 - Math.pow(beta1, t));
    double sqrtBiasCorrection2 = Math.sqrt(1 - Math.pow(beta2, t));
    for (int i = 0; i < n; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      double second = v[i];
      if (vMax != null) {
        vMax[i] = Math.max(vMax[i], v[i]);
        second = vMax[i];
      }
      double denominator = Math.sqrt(second) / sqrtBiasCorrection2 + c.eps();
      w[i] -= stepSize * (m[i] / denominator);
    }
  }
}
