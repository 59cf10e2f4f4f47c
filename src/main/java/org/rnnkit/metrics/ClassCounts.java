package org.rnnkit.metrics;

import org.rnnkit.nn.Sequence;

/**
 * Per-class counts of a classifier over the real rows of one or more batches: the confusion matrix
 * {@code count(actual, predicted)}, and for each class its support (rows whose target it is), how
 * often it was predicted and how often rightly. Precision is {@code correct / predicted}, recall
 * {@code correct / support}.
 *
 * <pre>{@code
 * ClassCounts counts = Evaluation.of(model, x, y).classCounts();
 * System.out.println(counts); // one line per class: support, predicted, correct, recall
 * }</pre>
 */
public final class ClassCounts {
  private final long[][] confusion;

  private ClassCounts(int classes) {
    confusion = new long[classes][classes];
  }

  /**
   * Counts one batch.
   *
   * @param prediction Not modified. {@code T x B x C} logits or probabilities.
   * @param target Not modified. {@code T x B x 1} class indices.
   */
  public static ClassCounts of(Sequence prediction, Sequence target) {
    ClassCounts counts = new ClassCounts(prediction.features());
    counts.add(prediction, target);
    return counts;
  }

  /** Adds one more batch of the same classes. */
  void add(Sequence prediction, Sequence target) {
    Rows.requireClassTargets("class counts", prediction, target);
    if (prediction.features() != classes()) {
      throw new IllegalArgumentException(
          "class counts were started with %d classes, this batch has %d"
              .formatted(classes(), prediction.features()));
    }
    int rows = prediction.steps() * prediction.batch();
    for (int n = 0; n < rows; n++) {
      if (Rows.isReal(prediction, target, n)) {
        int actual = Rows.classIndex(target, n, classes());
        int predicted = 0;
        while (Rows.rank(prediction, n, predicted) != 0) {
          predicted++;
        }
        confusion[actual][predicted]++;
      }
    }
  }

  /** C, the number of classes. */
  public int classes() {
    return confusion.length;
  }

  /** Rows whose target is {@code actual} and whose largest output is {@code predicted}. */
  public long count(int actual, int predicted) {
    return confusion[actual][predicted];
  }

  /** Rows whose target is class c. */
  public long support(int c) {
    long n = 0;
    for (long v : confusion[c]) {
      n += v;
    }
    return n;
  }

  /** Rows predicted as class c. */
  public long predicted(int c) {
    long n = 0;
    for (long[] row : confusion) {
      n += row[c];
    }
    return n;
  }

  /** Rows of class c predicted as c. */
  public long correct(int c) {
    return confusion[c][c];
  }

  /** Every real row counted. */
  public long total() {
    long n = 0;
    for (int c = 0; c < classes(); c++) {
      n += support(c);
    }
    return n;
  }

  /** One line per class: {@code class 2: support 10, predicted 12, correct 9 (recall 0.900)}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int c = 0; c < classes(); c++) {
      s.append(
          "class %d: support %d, predicted %d, correct %d (recall %.3f)%n"
              .formatted(
                  c, support(c), predicted(c), correct(c), (double) correct(c) / support(c)));
    }
    return s.toString();
  }
}
