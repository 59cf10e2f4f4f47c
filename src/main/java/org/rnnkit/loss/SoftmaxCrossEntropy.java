package org.rnnkit.loss;

import org.rnnkit.nn.Sequence;

/**
 * Softmax cross-entropy of logits against class indices, averaged over every (step, sequence), as
 * {@code torch.nn.CrossEntropyLoss()} with class-index targets:
 *
 * <pre>
 *   L = (1/N) sum_n [ logsumexp(z_n) - z_n[c_n] ],   N = T * B
 *   dL/dz_n = (softmax(z_n) - onehot(c_n)) / N
 * </pre>
 *
 * The log-sum-exp is computed as {@code m + log(sum exp(z - m))} with {@code m = max(z)}, so large
 * logits do not overflow. The prediction is {@code T x B x C} logits; the target is {@code T x B x
 * 1} holding class indices {@code 0..C-1} as whole numbers. Padded steps ({@link
 * Sequence#lengths()}) count neither in the sum nor in N, and get zero gradient.
 */
public final class SoftmaxCrossEntropy implements Loss {

  @Override
  public Evaluation evaluate(Sequence logits, Sequence target) {
    Sequence grad =
        new Sequence(logits.steps(), logits.batch(), logits.features())
            .withLengths(logits.lengths());
    return new Evaluation(evaluate(logits, target, grad), grad);
  }

  /**
   * The loss, with {@code dL/d logits} written into {@code gradient}: {@link #evaluate(Sequence,
   * Sequence)} without allocating when nothing is padded, for training loops that keep one gradient
   * buffer (a character model's head over V classes at every step).
   *
   * @param logits Not modified. {@code T x B x C}.
   * @param target Not modified. {@code T x B x 1} class indices.
   * @param gradient Modified: every element is written (0 at padded steps). {@code T x B x C}.
   * @return the mean cross-entropy in nats
   */
  public double evaluate(Sequence logits, Sequence target, Sequence gradient) {
    if (logits.steps() != target.steps()
        || logits.batch() != target.batch()
        || target.features() != 1) {
      throw new IllegalArgumentException(
          "cross-entropy needs a target of T=%d, B=%d, F=1 (class indices), got %s"
              .formatted(logits.steps(), logits.batch(), target.shape()));
    }
    int classes = logits.features();
    if (gradient.steps() != logits.steps()
        || gradient.batch() != logits.batch()
        || gradient.features() != classes) {
      throw new IllegalArgumentException(
          "cross-entropy gradient buffer must be %s like the logits, got %s"
              .formatted(logits.shape(), gradient.shape()));
    }
    boolean[] real =
        logits.lengths() == null && target.lengths() == null
            ? null
            : Masks.realRows(logits, target);
    int allRows = logits.steps() * logits.batch();
    int rows = real == null ? allRows : Masks.count(real);
    double[] z = logits.values().data;
    double[] g = gradient.values().data;
    double total = 0;
    for (int n = 0; n < allRows; n++) {
      int off = n * classes;
      if (real != null && !real[n]) {
        java.util.Arrays.fill(g, off, off + classes, 0);
        continue;
      }
      int c = classIndex(target.values().data[n], classes, n, logits.batch());
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        max = Math.max(max, z[off + k]);
      }
      double sumExp = 0;
      for (int k = 0; k < classes; k++) {
        double e = Math.exp(z[off + k] - max);
        g[off + k] = e;
        sumExp += e;
      }
      // logsumexp(z) - z[c]
      total += max + Math.log(sumExp) - z[off + c];
      double scale = 1 / (sumExp * rows);
      for (int k = 0; k < classes; k++) {
        g[off + k] *= scale;
      }
      g[off + c] -= 1.0 / rows;
    }
    return total / rows;
  }

  private static int classIndex(double value, int classes, int row, int batch) {
    int c = (int) value;
    if (c != value || c < 0 || c >= classes) {
      throw new IllegalArgumentException(
          "target at step %d, sequence %d is %s; expected a class index in 0..%d"
              .formatted(row / batch, row % batch, value, classes - 1));
    }
    return c;
  }
}
