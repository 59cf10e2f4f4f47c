package org.rnnkit.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * A batch of {@code B} sequences of {@code T} steps of {@code F} features, stored time-major.
 *
 * <p>The values live in one {@code (T*B) x F} matrix whose row {@code t*B + b} is step {@code t} of
 * sequence {@code b}. Keeping all steps in one matrix lets a layer apply a time-independent product
 * (an input projection, a dense head) to every step at once with a single GEMM.
 *
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>name</th><th>meaning</th></tr>
 *   <tr><td>T</td><td>{@link #steps()}, at least 1</td></tr>
 *   <tr><td>B</td><td>{@link #batch()}, at least 1</td></tr>
 *   <tr><td>F</td><td>{@link #features()}, at least 1</td></tr>
 * </table>
 */
public final class Sequence {
  private final int steps;
  private final int batch;
  private final int features;
  private final DMatrixRMaj values;

  /** A zero-filled sequence of the given shape. */
  public Sequence(int steps, int batch, int features) {
    this(steps, batch, features, null);
  }

  /**
   * Wraps a {@code (T*B) x F} matrix (not copied) as a sequence.
   *
   * @param values Not modified; shared with the new sequence. {@code null} allocates zeros.
   */
  public Sequence(int steps, int batch, int features, DMatrixRMaj values) {
    if (steps < 1) {
      throw new IllegalArgumentException(
          "a sequence needs at least one step, got T=" + steps + "; drop empty sequences first");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("a batch needs at least one sequence, got B=" + batch);
    }
    if (features < 1) {
      throw new IllegalArgumentException("a step needs at least one feature, got F=" + features);
    }
    if (values == null) {
      values = new DMatrixRMaj(steps * batch, features);
    } else if (values.numRows != steps * batch || values.numCols != features) {
      throw new IllegalArgumentException(
          "values for T=%d, B=%d, F=%d must be %dx%d, got %dx%d"
              .formatted(
                  steps, batch, features, steps * batch, features, values.numRows, values.numCols));
    }
    this.steps = steps;
    this.batch = batch;
    this.features = features;
    this.values = values;
  }

  /**
   * Builds a sequence from PyTorch's batch-first layout {@code x[b][t][f]}.
   *
   * @param batchFirst Not modified. Every sequence must have the same length and width.
   */
  public static Sequence fromBatchFirst(double[][][] batchFirst) {
    int b = batchFirst.length;
    if (b == 0) {
      throw new IllegalArgumentException("a batch needs at least one sequence, got none");
    }
    int t = batchFirst[0].length;
    int f = t == 0 ? 0 : batchFirst[0][0].length;
    Sequence s = new Sequence(t, b, f);
    for (int i = 0; i < b; i++) {
      if (batchFirst[i].length != t) {
        throw new IllegalArgumentException(
            "sequence %d has %d steps, expected %d like sequence 0; pad or group by length"
                .formatted(i, batchFirst[i].length, t));
      }
      for (int j = 0; j < t; j++) {
        if (batchFirst[i][j].length != f) {
          throw new IllegalArgumentException(
              "sequence %d step %d has %d features, expected %d"
                  .formatted(i, j, batchFirst[i][j].length, f));
        }
        for (int k = 0; k < f; k++) {
          s.set(j, i, k, batchFirst[i][j][k]);
        }
      }
    }
    return s;
  }

  /** The values in PyTorch's batch-first layout {@code [b][t][f]}. */
  public double[][][] toBatchFirst() {
    double[][][] out = new double[batch][steps][features];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) {
        for (int f = 0; f < features; f++) {
          out[b][t][f] = get(t, b, f);
        }
      }
    }
    return out;
  }

  public int steps() {
    return steps;
  }

  public int batch() {
    return batch;
  }

  public int features() {
    return features;
  }

  /** The {@code (T*B) x F} backing matrix; row {@code t*B + b} is step t of sequence b. */
  public DMatrixRMaj values() {
    return values;
  }

  public double get(int t, int b, int f) {
    return values.data[(t * batch + b) * features + f];
  }

  public void set(int t, int b, int f, double value) {
    values.data[(t * batch + b) * features + f] = value;
  }

  /** A deep copy. */
  public Sequence copy() {
    return new Sequence(steps, batch, features, values.copy());
  }

  /** A new sequence with the steps in reverse order: step t of the result is step T-1-t. */
  public Sequence reversedInTime() {
    Sequence r = new Sequence(steps, batch, features);
    int block = batch * features;
    for (int t = 0; t < steps; t++) {
      System.arraycopy(values.data, t * block, r.values.data, (steps - 1 - t) * block, block);
    }
    return r;
  }

  /** The last step of every sequence, as a one-step sequence. */
  public Sequence lastStep() {
    Sequence r = new Sequence(1, batch, features);
    int block = batch * features;
    System.arraycopy(values.data, (steps - 1) * block, r.values.data, 0, block);
    return r;
  }

  /** Features of {@code a} then of {@code b} at every step: {@code [a | b]}, as PyTorch concat. */
  public static Sequence concatFeatures(Sequence a, Sequence b) {
    if (a.steps != b.steps || a.batch != b.batch) {
      throw new IllegalArgumentException(
          "cannot concatenate features of T=%d,B=%d and T=%d,B=%d: steps and batch must match"
              .formatted(a.steps, a.batch, b.steps, b.batch));
    }
    Sequence r = new Sequence(a.steps, a.batch, a.features + b.features);
    int rows = a.steps * a.batch;
    for (int row = 0; row < rows; row++) {
      System.arraycopy(
          a.values.data, row * a.features, r.values.data, row * r.features, a.features);
      System.arraycopy(
          b.values.data,
          row * b.features,
          r.values.data,
          row * r.features + a.features,
          b.features);
    }
    return r;
  }

  /** Features {@code [from, from+count)} of every step, as a new sequence. */
  public Sequence featureSlice(int from, int count) {
    if (from < 0 || count < 1 || from + count > features) {
      throw new IllegalArgumentException(
          "feature slice [%d, %d) is outside 0..%d".formatted(from, from + count, features));
    }
    Sequence r = new Sequence(steps, batch, count);
    int rows = steps * batch;
    for (int row = 0; row < rows; row++) {
      System.arraycopy(values.data, row * features + from, r.values.data, row * count, count);
    }
    return r;
  }

  /**
   * Fails with a message naming the first non-finite value, as (step, sequence, feature).
   *
   * @param what how the caller names this sequence in the message, e.g. "input"
   */
  public void requireFinite(String what) {
    int n = values.getNumElements();
    for (int i = 0; i < n; i++) {
      double v = values.data[i];
      if (!Double.isFinite(v)) {
        int row = i / features;
        throw new IllegalArgumentException(
            "%s has %s at step %d, sequence %d, feature %d; clean or impute the data first"
                .formatted(what, v, row / batch, row % batch, i % features));
      }
    }
  }

  /** "T=5, B=2, F=3", for messages. */
  public String shape() {
    return "T=%d, B=%d, F=%d".formatted(steps, batch, features);
  }

  @Override
  public String toString() {
    return "Sequence[" + shape() + "]";
  }
}
