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
 *
 * <p>Sequences of different lengths share a batch by padding at the end: {@link #lengths()} then
 * gives each sequence's own number of steps, and layers and losses ignore the padded steps (a
 * reverse direction reads each sequence from its own last step; a recurrent layer outputs zeros at
 * padded steps and sends no gradient back from them; a many-to-one head reads each sequence at its
 * own last step; losses average over real steps only).
 */
public final class Sequence {
  private final int steps;
  private final int batch;
  private final int features;
  private final DMatrixRMaj values;
  private final int[] lengths;

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
    this(steps, batch, features, values, null);
  }

  private Sequence(int steps, int batch, int features, DMatrixRMaj values, int[] lengths) {
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
    this.lengths = lengths;
  }

  /**
   * The same values (shared, not copied) with each sequence's own length; steps at and after a
   * sequence's length are padding.
   *
   * @param lengths Not modified. One entry per sequence, each in {@code 1..T}; null means every
   *     sequence has all T steps.
   */
  public Sequence withLengths(int[] lengths) {
    if (lengths == null) {
      return new Sequence(steps, batch, features, values, null);
    }
    if (lengths.length != batch) {
      throw new IllegalArgumentException(
          "lengths must have one entry per sequence (B=%d), got %d"
              .formatted(batch, lengths.length));
    }
    for (int b = 0; b < batch; b++) {
      if (lengths[b] < 1 || lengths[b] > steps) {
        throw new IllegalArgumentException(
            "length of sequence %d is %d; it must be in 1..T=%d".formatted(b, lengths[b], steps));
      }
    }
    return new Sequence(steps, batch, features, values, lengths.clone());
  }

  /**
   * Sets every padded step to zero, in place, and returns this sequence; a layer calls it on its
   * output so that padding reads as zeros (as PyTorch's {@code pad_packed_sequence}).
   */
  public Sequence zeroPadding() {
    if (lengths != null) {
      for (int b = 0; b < batch; b++) {
        for (int t = lengths[b]; t < steps; t++) {
          int from = (t * batch + b) * features;
          java.util.Arrays.fill(values.data, from, from + features, 0);
        }
      }
    }
    return this;
  }

  /** Each sequence's own number of steps, or null when no sequence is padded. */
  public int[] lengths() {
    return lengths == null ? null : lengths.clone();
  }

  /** The number of real (not padded) steps of sequence {@code b}. */
  public int length(int b) {
    return lengths == null ? steps : lengths[b];
  }

  /** True when step t of sequence b is real data, false when it is padding. */
  public boolean isReal(int t, int b) {
    return t < length(b);
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
    return new Sequence(steps, batch, features, values.copy(), lengths);
  }

  /**
   * A new sequence with each sequence's real steps in reverse order: step t of sequence b in the
   * result is step {@code length(b)-1-t}; padding stays at the end. Applying it twice restores the
   * original.
   */
  public Sequence reversedInTime() {
    Sequence r = new Sequence(steps, batch, features, null, lengths);
    for (int b = 0; b < batch; b++) {
      int n = length(b);
      for (int t = 0; t < steps; t++) {
        int from = t < n ? n - 1 - t : t;
        System.arraycopy(
            values.data,
            (from * batch + b) * features,
            r.values.data,
            (t * batch + b) * features,
            features);
      }
    }
    return r;
  }

  /** Step {@code length(b)-1} of every sequence b, as a one-step sequence. */
  public Sequence lastStep() {
    Sequence r = new Sequence(1, batch, features);
    for (int b = 0; b < batch; b++) {
      int t = length(b) - 1;
      System.arraycopy(
          values.data, (t * batch + b) * features, r.values.data, b * features, features);
    }
    return r;
  }

  /**
   * Steps {@code [from, from+count)} of every sequence, as a new sequence; lengths are cut to the
   * slice (a sequence must have at least one real step in it).
   */
  public Sequence stepSlice(int from, int count) {
    if (from < 0 || count < 1 || from + count > steps) {
      throw new IllegalArgumentException(
          "step slice [%d, %d) is outside 0..%d".formatted(from, from + count, steps));
    }
    int block = batch * features;
    Sequence r = new Sequence(count, batch, features);
    System.arraycopy(values.data, from * block, r.values.data, 0, count * block);
    if (lengths == null) {
      return r;
    }
    int[] cut = new int[batch];
    for (int b = 0; b < batch; b++) {
      cut[b] = Math.min(count, lengths[b] - from);
    }
    return r.withLengths(cut);
  }

  /** Features of {@code a} then of {@code b} at every step: {@code [a | b]}, as PyTorch concat. */
  public static Sequence concatFeatures(Sequence a, Sequence b) {
    if (a.steps != b.steps || a.batch != b.batch) {
      throw new IllegalArgumentException(
          "cannot concatenate features of T=%d,B=%d and T=%d,B=%d: steps and batch must match"
              .formatted(a.steps, a.batch, b.steps, b.batch));
    }
    Sequence r = new Sequence(a.steps, a.batch, a.features + b.features, null, a.lengths);
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
    Sequence r = new Sequence(steps, batch, count, null, lengths);
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
