package org.rnnkit.speech;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of (true word, predicted word) over a test set: {@code counts[true][predicted]}. Accuracy
 * is the diagonal's share; a word's own accuracy (its recall) is its diagonal entry over its row.
 */
public final class ConfusionMatrix {
  private final List<String> labels;
  private final int[][] counts;

  public ConfusionMatrix(List<String> labels) {
    this.labels = List.copyOf(labels);
    this.counts = new int[labels.size()][labels.size()];
  }

  /** Counts one prediction. */
  public void add(int actual, int predicted) {
    counts[actual][predicted]++;
  }

  public List<String> labels() {
    return labels;
  }

  /** A copy of {@code counts[true][predicted]}. */
  public int[][] counts() {
    int[][] copy = new int[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  public int total() {
    int n = 0;
    for (int[] row : counts) {
      for (int c : row) {
        n += c;
      }
    }
    return n;
  }

  /** The share of correct predictions; NaN when nothing was counted. */
  public double accuracy() {
    int correct = 0;
    for (int i = 0; i < counts.length; i++) {
      correct += counts[i][i];
    }
    return (double) correct / total();
  }

  /** Each word's accuracy (recall), in label order; NaN for a word with no test recording. */
  public Map<String, Double> perClass() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      int row = 0;
      for (int c : counts[i]) {
        row += c;
      }
      out.put(labels.get(i), (double) counts[i][i] / row);
    }
    return out;
  }
}
