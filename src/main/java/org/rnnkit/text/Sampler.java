package org.rnnkit.text;

import java.util.Random;
import org.rnnkit.nn.Sequence;

/**
 * Generates text from a {@link CharModel} one character at a time, carrying the recurrent state:
 * the prime is read once, then each step feeds only the character just drawn (no recomputation of
 * the prefix).
 *
 * <pre>
 *   p(v) = exp(z[v] / tau) / sum_u exp(z[u] / tau)      over the k largest z only (top-k)
 * </pre>
 *
 * A temperature {@code tau} below 1 sharpens the distribution (towards the argmax as tau -> 0),
 * above 1 flattens it; {@code k = V} keeps every character. Draws come from a {@link Random} seeded
 * by the caller, so a seed gives the same text every time.
 *
 * @param temperature tau, positive
 * @param topK k, at least 1; values above V mean V
 */
public record Sampler(double temperature, int topK) {

  public Sampler {
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException(
          "temperature must be a positive number, got %s; use e.g. 0.8".formatted(temperature));
    }
    if (topK < 1) {
      throw new IllegalArgumentException(
          "top-k must be at least 1, got %d; use the vocabulary size to keep every character"
              .formatted(topK));
    }
  }

  /**
   * {@code length} characters following {@code prime}.
   *
   * @param model Modified: its carried state (reset first)
   * @param prime at least one character, every one in the vocabulary (see {@link
   *     Vocabulary#encode})
   * @param rng Modified: draws one number per character
   * @return the generated characters, without the prime
   */
  public String generate(CharModel model, String prime, int length, Random rng) {
    if (prime.isEmpty()) {
      throw new IllegalArgumentException("the prime must have at least one character");
    }
    if (length < 0) {
      throw new IllegalArgumentException("length must be 0 or more, got " + length);
    }
    int[] codes = model.vocabulary().encode(prime);
    model.resetState();
    Sequence input = new Sequence(codes.length, 1, 1);
    for (int t = 0; t < codes.length; t++) {
      input.values().data[t] = codes[t];
    }
    Sequence z = model.advance(input);
    int v = model.vocabulary().size();
    double[] logits = new double[v];
    double[] weights = new double[v];
    int[] out = new int[length];
    Sequence step = new Sequence(1, 1, 1);
    for (int i = 0; i < length; i++) {
      System.arraycopy(z.values().data, (z.steps() - 1) * v, logits, 0, v);
      out[i] = draw(logits, weights, rng);
      step.values().data[0] = out[i];
      z = model.advance(step);
    }
    model.resetState();
    return model.vocabulary().decode(out);
  }

  /**
   * One index drawn from the tempered, top-k softmax of {@code logits}.
   *
   * @param logits Not modified.
   * @param weights Modified: scratch of the same length.
   */
  int draw(double[] logits, double[] weights, Random rng) {
    int v = logits.length;
    double threshold = Double.NEGATIVE_INFINITY;
    if (topK < v) {
      // the k-th largest logit; ties at the threshold are all kept
      double[] sorted = logits.clone();
      java.util.Arrays.sort(sorted);
      threshold = sorted[v - topK];
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double z : logits) {
      max = Math.max(max, z);
    }
    // exp((z - max) / tau): the largest weight is exactly 1, so tiny tau gives the argmax
    double sum = 0;
    for (int k = 0; k < v; k++) {
      weights[k] = logits[k] >= threshold ? Math.exp((logits[k] - max) / temperature) : 0;
      sum += weights[k];
    }
    double u = rng.nextDouble() * sum;
    int last = 0;
    for (int k = 0; k < v; k++) {
      if (weights[k] > 0) {
        last = k;
        u -= weights[k];
        if (u < 0) {
          return k;
        }
      }
    }
    return last;
  }
}
