package org.rnnkit.nn.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;

/**
 * Batch normalisation (Ioffe and Szegedy 2015), as {@code torch.nn.BatchNorm1d(F, eps, momentum,
 * affine)}: every feature is standardised over the rows of the batch, then scaled and shifted.
 *
 * <pre>
 *   training:   mu_f, var_f = mean and biased variance of feature f over the n real rows
 *               y = gamma * (x - mu) / sqrt(var + eps) + beta
 *               running_mean = (1 - momentum) running_mean + momentum mu
 *               running_var  = (1 - momentum) running_var  + momentum var n / (n - 1)   (unbiased)
 *   inference:  y = gamma * (x - running_mean) / sqrt(running_var + eps) + beta
 *   backward:   dgamma = sum dy xhat,  dbeta = sum dy,  dxhat = dy gamma
 *               training:  dx through the batch's mean and variance (see Standardization)
 *               inference: dx = dxhat / sqrt(running_var + eps)
 * </pre>
 *
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>x, y</th><td>{@code T x B x F}: the rows are every real step of every sequence (after
 *   {@link LastStep}, the B sequences: PyTorch's {@code N x C}; for T &gt; 1, PyTorch's {@code B x
 *   F x T}); padded steps are left out of the statistics and output as zeros</td></tr>
 *   <tr><th>gamma, beta</th><td>{@code 1 x F}, named {@code <name>.weight}, {@code <name>.bias};
 *   initialised to ones and zeros; absent when not affine</td></tr>
 *   <tr><th>running_mean, running_var</th><td>F values each, starting at zeros and ones; not
 *   trainable, kept in the model file</td></tr>
 * </table>
 *
 * <p>Defaults as PyTorch: {@code eps = 1e-5}, {@code momentum = 0.1}, affine. PyTorch's {@code
 * momentum=None} (a cumulative average) is not offered. Training needs more than one real row.
 */
public final class BatchNorm extends Normalization {
  /** PyTorch's default {@code eps}. */
  public static final double DEFAULT_EPSILON = 1e-5;

  /** PyTorch's default {@code momentum}. */
  public static final double DEFAULT_MOMENTUM = 0.1;

  private final double momentum;
  private final double[] runningMean;
  private final double[] runningVariance;
  private long batchesTracked;

  private Sequence latest;
  private boolean latestTraining;
  private int[] realRows = new int[0];
  private int realCount;
  private double[] xhat = new double[0];
  private final double[] invStd;

  /** {@code BatchNorm1d(features)}: PyTorch's defaults. */
  public BatchNorm(String name, int features) {
    this(name, features, DEFAULT_EPSILON, DEFAULT_MOMENTUM, true);
  }

  /**
   * @param name the prefix of the parameter names
   * @param features F, at least 1
   * @param epsilon added to the variance, positive
   * @param momentum the weight of the batch in the running statistics, in [0, 1]
   * @param affine whether gamma and beta exist
   */
  public BatchNorm(String name, int features, double epsilon, double momentum, boolean affine) {
    super("batch norm", name, features, epsilon, affine);
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException("batch norm momentum must be in [0, 1], got " + momentum);
    }
    this.momentum = momentum;
    runningMean = new double[features];
    runningVariance = new double[features];
    Arrays.fill(runningVariance, 1);
    invStd = new double[features];
  }

  public double momentum() {
    return momentum;
  }

  /** A copy of the running mean, F values. */
  public double[] runningMean() {
    return runningMean.clone();
  }

  /** A copy of the running (unbiased) variance, F values. */
  public double[] runningVariance() {
    return runningVariance.clone();
  }

  /** How many training batches updated the running statistics ({@code num_batches_tracked}). */
  public long batchesTracked() {
    return batchesTracked;
  }

  /**
   * Replaces the running statistics, e.g. from a model file or a PyTorch {@code state_dict}.
   *
   * @param mean Not modified. F finite values.
   * @param variance Not modified. F finite values, none negative.
   * @param batches at least 0
   */
  public void setRunningStatistics(double[] mean, double[] variance, long batches) {
    if (mean.length != features || variance.length != features) {
      throw new IllegalArgumentException(
          "batch norm %s needs %d running means and variances, got %d and %d"
              .formatted(name, features, mean.length, variance.length));
    }
    for (int f = 0; f < features; f++) {
      if (!Double.isFinite(mean[f]) || !(variance[f] >= 0) || Double.isInfinite(variance[f])) {
        throw new IllegalArgumentException(
            "batch norm %s feature %d: running mean %s and variance %s must be finite, the variance"
                    .formatted(name, f, mean[f], variance[f])
                + " not negative");
      }
    }
    if (batches < 0) {
      throw new IllegalArgumentException("batches tracked must be at least 0, got " + batches);
    }
    System.arraycopy(mean, 0, runningMean, 0, features);
    System.arraycopy(variance, 0, runningVariance, 0, features);
    batchesTracked = batches;
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> list = new ArrayList<>();
    if (weight != null) {
      list.add(weight);
      list.add(bias);
    }
    return list;
  }

  @Override
  public Sequence forward(Sequence x, boolean training) {
    requireInput(x);
    findRealRows(x);
    int n = realCount;
    if (training && n < 2) {
      throw new IllegalArgumentException(
          "batch norm %s needs more than one value per feature in training, got 1 row;"
                  .formatted(name)
              + " train on batches of at least 2 or call it with training off");
    }
    latest = x;
    latestTraining = training;
    gatherRows(x.values().data, xhat);
    for (int f = 0; f < features; f++) {
      double mean;
      if (training) {
        mean = Standardization.mean(xhat, f, features, n);
        double variance = Standardization.variance(xhat, f, features, n, mean);
        invStd[f] = 1 / Math.sqrt(variance + epsilon);
        // running statistics: the unbiased variance, as PyTorch
        runningMean[f] = (1 - momentum) * runningMean[f] + momentum * mean;
        runningVariance[f] =
            (1 - momentum) * runningVariance[f] + momentum * variance * n / (n - 1);
      } else {
        mean = runningMean[f];
        invStd[f] = 1 / Math.sqrt(runningVariance[f] + epsilon);
      }
      // xhat = (x - mu) / sqrt(var + eps)
      Standardization.standardize(xhat, f, features, n, mean, invStd[f], xhat);
    }
    if (training) {
      batchesTracked++;
    }
    // y = gamma * xhat + beta at the real rows, zeros at padding
    Sequence y = new Sequence(x.steps(), x.batch(), features).withLengths(x.lengths());
    double[] out = y.values().data;
    for (int i = 0; i < n; i++) {
      int to = realRows[i] * features;
      for (int f = 0; f < features; f++) {
        out[to + f] = scaleAndShift(xhat[i * features + f], f);
      }
    }
    return y;
  }

  @Override
  public Sequence backward(Sequence dy) {
    requireGradient(latest, dy);
    int n = realCount;
    double[] g = new double[n * features];
    gatherRows(dy.values().data, g);
    scaleAndShiftBackward(g, xhat, n * features);
    for (int f = 0; f < features; f++) {
      if (latestTraining) {
        Standardization.backward(g, xhat, f, features, n, invStd[f], g);
      } else {
        for (int i = f; i < n * features; i += features) {
          g[i] *= invStd[f];
        }
      }
    }
    Sequence dx =
        new Sequence(latest.steps(), latest.batch(), features).withLengths(latest.lengths());
    for (int i = 0; i < n; i++) {
      System.arraycopy(g, i * features, dx.values().data, realRows[i] * features, features);
    }
    return dx;
  }

  /** Lists the rows of x that are real steps, in row order, into {@code realRows}. */
  private void findRealRows(Sequence x) {
    int rows = x.steps() * x.batch();
    if (realRows.length < rows) {
      realRows = new int[rows];
      xhat = new double[rows * features];
    }
    realCount = 0;
    for (int r = 0; r < rows; r++) {
      if (x.isReal(r / x.batch(), r % x.batch())) {
        realRows[realCount++] = r;
      }
    }
  }

  /** Copies the real rows of {@code from} into consecutive rows of {@code to}. */
  private void gatherRows(double[] from, double[] to) {
    for (int i = 0; i < realCount; i++) {
      System.arraycopy(from, realRows[i] * features, to, i * features, features);
    }
  }
}
