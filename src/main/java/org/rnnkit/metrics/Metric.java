package org.rnnkit.metrics;

import org.rnnkit.nn.Sequence;

/**
 * A number that says how good predictions are, computed as a mean over the real (not padded) rows
 * of a batch, so batches combine exactly: the metric over a data set is {@code sum of sums / sum of
 * counts}.
 *
 * <pre>
 *   accuracy      = (1/N) sum_n [argmax_k z_n[k] = c_n]              N rows (step, sequence)
 *   top-k         = (1/N) sum_n [c_n among the k largest z_n]        ties broken to the lower index
 *   MSE           = (1/(N F)) sum_n sum_f (y_nf - t_nf)^2
 *   MAE           = (1/(N F)) sum_n sum_f |y_nf - t_nf|
 * </pre>
 *
 * Classification metrics take logits or probabilities {@code T x B x C} and class indices {@code T
 * x B x 1}, as {@link org.rnnkit.loss.SoftmaxCrossEntropy}; regression metrics take a prediction
 * and target of one shape, as {@link org.rnnkit.loss.MeanSquaredError}. Use them through {@link
 * Evaluation}:
 *
 * <pre>{@code
 * Evaluation e = Evaluation.of(model, x, y, Metric.accuracy(), Metric.topKAccuracy(3));
 * double accuracy = e.value("accuracy");
 * }</pre>
 */
public interface Metric {

  /** The metric's name as printed and as the key of {@link Evaluation#values()}. */
  String name();

  /**
   * The metric's sum and count over one batch.
   *
   * @param prediction Not modified. The model's output.
   * @param target Not modified. Class indices or values, as the metric needs.
   */
  Tally tally(Sequence prediction, Sequence target);

  /**
   * A sum and the number of terms in it; the metric is their quotient.
   *
   * @param sum the sum of the per-row (or per-element) scores
   * @param count how many rows (or elements) were summed
   */
  record Tally(double sum, long count) {
    /** No rows yet. */
    public static final Tally EMPTY = new Tally(0, 0);

    /** Both batches together. */
    public Tally plus(Tally other) {
      return new Tally(sum + other.sum, count + other.count);
    }

    /** {@code sum / count}; NaN when nothing was counted. */
    public double mean() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }

  /** The fraction of rows whose largest output is the target class. */
  static Metric accuracy() {
    return new TopKAccuracy(1);
  }

  /** The fraction of rows whose target class is among the {@code k} largest outputs. */
  static Metric topKAccuracy(int k) {
    return new TopKAccuracy(k);
  }

  /** The mean squared error over every real element, as {@code torch.nn.MSELoss()}. */
  static Metric meanSquaredError() {
    return new ElementwiseError("mse", 2);
  }

  /** The mean absolute error over every real element, as {@code torch.nn.L1Loss()}. */
  static Metric meanAbsoluteError() {
    return new ElementwiseError("mae", 1);
  }
}
