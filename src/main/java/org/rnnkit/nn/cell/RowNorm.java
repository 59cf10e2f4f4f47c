package org.rnnkit.nn.cell;

import java.util.Arrays;
import org.rnnkit.nn.Parameter;

/**
 * Layer normalisation of one row of {@code n} values (Ba, Kiros and Hinton 2016), as {@code
 * torch.nn.functional.layer_norm} over the last dimension with a gain and a bias:
 *
 * <pre>
 *   mu = mean(a),  var = mean((a - mu)^2)          (biased, as PyTorch)
 *   a^ = (a - mu) / sqrt(var + eps)                 eps = 1e-5
 *   y  = gamma * a^ + beta
 * </pre>
 *
 * <p>Backward, with {@code g = gamma * dy}: {@code da = (g - mean(g) - a^ mean(g * a^)) / sqrt(var
 * + eps)}; {@code dgamma += dy * a^}, {@code dbeta += dy}. The gain starts at 1 and the bias at 0,
 * as PyTorch's.
 *
 * <p>A cell keeps {@code a^} and {@code 1/sqrt(var + eps)} of every row in its cache; this class
 * holds no per-row state, so rows on different threads may use it at once.
 */
final class RowNorm {
  static final double EPSILON = 1e-5;

  private final int size;
  private final Parameter gain;
  private final Parameter bias;
  private final double[] zeros;

  /**
   * @param size n, values per row
   * @param name the parameters' names: {@code ln_weight<name>} and {@code ln_bias<name>}, e.g.
   *     {@code _ih_l0}
   */
  RowNorm(int size, String name) {
    this.size = size;
    gain = new Parameter("ln_weight" + name, 1, size);
    bias = new Parameter("ln_bias" + name, 1, size);
    zeros = new double[size];
    reset();
  }

  Parameter gain() {
    return gain;
  }

  Parameter bias() {
    return bias;
  }

  /** gamma = 1, beta = 0. */
  void reset() {
    Arrays.fill(gain.value().data, 0, size, 1);
    Arrays.fill(bias.value().data, 0, size, 0);
  }

  /**
   * Normalises {@code a = x[xAt..]}: as {@link #forward(double[], int, double[], int, double[],
   * int, double[], int)} with nothing added.
   */
  double forward(double[] x, int xAt, double[] normed, int normedAt, double[] y, int yAt) {
    return forward(x, xAt, zeros, 0, normed, normedAt, y, yAt);
  }

  /**
   * Normalises {@code a = x[xAt..] + add[addAt..]}; {@code y} may be {@code x} itself.
   *
   * @param x Not modified (unless it is y).
   * @param add Not modified: added to x before normalising (a bias), n values.
   * @param normed Modified: {@code a^} at {@code normedAt}.
   * @param y Modified: {@code gamma * a^ + beta} at {@code yAt}.
   * @return {@code 1/sqrt(var + eps)}, for {@link #backward}
   */
  double forward(
      double[] x,
      int xAt,
      double[] add,
      int addAt,
      double[] normed,
      int normedAt,
      double[] y,
      int yAt) {
    double sum = 0;
    for (int k = 0; k < size; k++) {
      sum += x[xAt + k] + add[addAt + k];
    }
    double mean = sum / size;
    double squares = 0;
    for (int k = 0; k < size; k++) {
      double d = x[xAt + k] + add[addAt + k] - mean;
      normed[normedAt + k] = d;
      squares += d * d;
    }
    double invStd = 1 / Math.sqrt(squares / size + EPSILON);
    double[] g = gain.value().data;
    double[] b = bias.value().data;
    for (int k = 0; k < size; k++) {
      double an = normed[normedAt + k] * invStd;
      normed[normedAt + k] = an;
      // y = gamma * a^ + beta
      y[yAt + k] = g[k] * an + b[k];
    }
    return invStd;
  }

  /**
   * {@code da} from {@code dy}; {@code da} may be {@code dy} itself.
   *
   * @param dy Not modified (unless it is da): {@code dL/dy}.
   * @param normed Not modified: {@code a^} of the row.
   * @param invStd {@code 1/sqrt(var + eps)} of the row
   * @param da Modified: {@code dL/da} at {@code daAt}.
   */
  void backward(
      double[] dy, int dyAt, double[] normed, int normedAt, double invStd, double[] da, int daAt) {
    double[] gamma = gain.value().data;
    double sumG = 0;
    double sumGa = 0;
    for (int k = 0; k < size; k++) {
      double g = gamma[k] * dy[dyAt + k];
      sumG += g;
      sumGa += g * normed[normedAt + k];
    }
    double meanG = sumG / size;
    double meanGa = sumGa / size;
    for (int k = 0; k < size; k++) {
      // da = (g - mean(g) - a^ mean(g a^)) / sqrt(var + eps)
      da[daAt + k] = (gamma[k] * dy[dyAt + k] - meanG - normed[normedAt + k] * meanGa) * invStd;
    }
  }

  /**
   * {@code dgamma += dy * a^}, {@code dbeta += dy} for one row.
   *
   * @param dy Not modified.
   * @param normed Not modified.
   */
  void addGradients(double[] dy, int dyAt, double[] normed, int normedAt) {
    double[] dGain = gain.grad().data;
    double[] dBias = bias.grad().data;
    for (int k = 0; k < size; k++) {
      dGain[k] += dy[dyAt + k] * normed[normedAt + k];
      dBias[k] += dy[dyAt + k];
    }
  }
}
