package org.rnnkit.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnnkit.data.Batch;
import org.rnnkit.data.Example;
import org.rnnkit.loss.Loss;
import org.rnnkit.loss.SoftmaxCrossEntropy;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;

/**
 * The embedded Reber grammar (Reber 1967; Cleeremans, Servan-Schreiber and McClelland 1989;
 * Hochreiter and Schmidhuber 1997, experiment 1): next-symbol prediction on strings {@code B c R c
 * E} where {@code c} is T or P and R is a string of the Reber grammar. Inside R every next symbol
 * is one of at most two, known from the last few symbols; the second {@code c} can only be
 * predicted by remembering the first across all of R.
 *
 * <pre>
 *   symbols B T P S X V E (one-hot inputs, class targets)
 *   Reber grammar: 0 -B-> 1;  1 -T-> 2, 1 -P-> 3;  2 -S-> 2, 2 -X-> 4;  3 -T-> 3, 3 -V-> 5;
 *                  4 -X-> 3, 4 -S-> 6;  5 -P-> 4, 5 -V-> 6;  6 -E-> end
 * </pre>
 *
 * <p>Branches are taken with probability 1/2, except that strings are drawn to be at least {@link
 * #length()} symbols long: for lengths above 9 the self-loops (S at 2, T at 3) are taken with a
 * higher probability {@code p = (L-8)/(L-7)}, and shorter strings are rejected. That changes how
 * often each allowed symbol follows, never which symbols are allowed. A string counts as predicted
 * when at every step the allowed next symbols get higher scores than every other symbol; a run
 * succeeds when every test string is predicted.
 */
public final class EmbeddedReber implements Task {
  /** The symbols, in class order. */
  public static final String SYMBOLS = "BTPSXVE";

  private static final int B = 0;
  private static final int T = 1;
  private static final int P = 2;
  private static final int S = 3;
  private static final int X = 4;
  private static final int V = 5;
  private static final int E = 6;

  /** The shortest embedded string, {@code BTBTXSETE}. */
  public static final int MIN_LENGTH = 9;

  /** {@code EDGES[state]}: {symbol, next state} of each way out; the first is the self-loop. */
  private static final int[][][] EDGES = {
    {{B, 1}},
    {{T, 2}, {P, 3}},
    {{S, 2}, {X, 4}},
    {{T, 3}, {V, 5}},
    {{X, 3}, {S, 6}},
    {{P, 4}, {V, 6}},
    {{E, 7}},
  };

  private static final int MAX_TRIES = 100_000;

  private final int length;
  private final double loopProbability;

  /**
   * @param length L, the least number of symbols in a string, {@value #MIN_LENGTH} or more
   */
  public EmbeddedReber(int length) {
    if (length < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "embedded Reber strings have at least %d symbols; got length %d"
              .formatted(MIN_LENGTH, length));
    }
    this.length = length;
    this.loopProbability =
        length <= MIN_LENGTH ? 0.5 : Math.max(0.5, (length - 8.0) / (length - 7));
  }

  @Override
  public String name() {
    return "reber";
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public int inputSize() {
    return SYMBOLS.length();
  }

  @Override
  public int outputSize() {
    return SYMBOLS.length();
  }

  @Override
  public boolean manyToOne() {
    return false;
  }

  @Override
  public Loss loss() {
    return new SoftmaxCrossEntropy();
  }

  /** One string of at least {@link #length()} symbols, as symbol indices. */
  public int[] sample(Random rng) {
    for (int tries = 0; tries < MAX_TRIES; tries++) {
      List<Integer> s = new ArrayList<>();
      int c = rng.nextBoolean() ? T : P;
      s.add(B);
      s.add(c);
      int state = 0;
      while (state != 7) {
        int[][] out = EDGES[state];
        int pick = 0;
        if (out.length == 2) {
          double first = state == 2 || state == 3 ? loopProbability : 0.5;
          pick = rng.nextDouble() < first ? 0 : 1;
        }
        s.add(out[pick][0]);
        state = out[pick][1];
      }
      s.add(c);
      s.add(E);
      if (s.size() >= length) {
        return s.stream().mapToInt(Integer::intValue).toArray();
      }
    }
    throw new IllegalStateException(
        "no Reber string of length %d in %d draws".formatted(length, MAX_TRIES));
  }

  /** Inputs are every symbol but the last (one-hot), targets every symbol but the first. */
  @Override
  public List<Example> generate(int count, Random rng) {
    List<Example> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int[] s = sample(rng);
      double[][] x = new double[s.length - 1][];
      double[][] y = new double[s.length - 1][1];
      for (int t = 0; t + 1 < s.length; t++) {
        x[t] = Scoring.oneHot(s[t], inputSize());
        y[t][0] = s[t + 1];
      }
      out.add(Example.of(x, y));
    }
    return out;
  }

  /**
   * The symbols allowed after each prefix of {@code string}: entry t is the set after reading
   * symbols 0..t, as a bit mask over {@link #SYMBOLS}.
   *
   * @param string a prefix of an embedded Reber string (symbol indices)
   */
  public static int[] allowedNext(int[] string) {
    int[] allowed = new int[string.length];
    int state = -2;
    int embedded = -1;
    for (int t = 0; t < string.length; t++) {
      int symbol = string[t];
      if (state == -2) {
        requireSymbol(symbol, B, t);
        state = -1;
        allowed[t] = bit(T) | bit(P);
      } else if (state == -1) {
        if (symbol != T && symbol != P) {
          throw notReber(symbol, t);
        }
        embedded = symbol;
        state = 0;
        allowed[t] = bit(B);
      } else if (state <= 6) {
        state = next(state, symbol, t);
        allowed[t] = state == 7 ? bit(embedded) : mask(state);
      } else if (state == 7) {
        requireSymbol(symbol, embedded, t);
        state = 8;
        allowed[t] = bit(E);
      } else if (state == 8) {
        requireSymbol(symbol, E, t);
        state = 9;
        allowed[t] = 0;
      } else {
        throw notReber(symbol, t);
      }
    }
    return allowed;
  }

  private static int next(int state, int symbol, int t) {
    for (int[] edge : EDGES[state]) {
      if (edge[0] == symbol) {
        return edge[1];
      }
    }
    throw notReber(symbol, t);
  }

  private static int mask(int state) {
    int m = 0;
    for (int[] edge : EDGES[state]) {
      m |= bit(edge[0]);
    }
    return m;
  }

  private static int bit(int symbol) {
    return 1 << symbol;
  }

  private static void requireSymbol(int symbol, int expected, int t) {
    if (symbol != expected) {
      throw notReber(symbol, t);
    }
  }

  private static IllegalArgumentException notReber(int symbol, int t) {
    return new IllegalArgumentException(
        "symbol %c at position %d is not allowed by the embedded Reber grammar"
            .formatted(SYMBOLS.charAt(symbol), t));
  }

  /** The share of test strings predicted at every step. */
  @Override
  public Score score(SequenceModel model, List<Example> test) {
    int right = 0;
    for (int from = 0; from < test.size(); from += Scoring.CHUNK) {
      Batch batch = Batch.of(test.subList(from, Math.min(test.size(), from + Scoring.CHUNK)));
      model.resetState();
      Sequence logits = model.forward(batch.input(), false);
      for (int b = 0; b < batch.size(); b++) {
        if (predicted(logits, batch.input(), b)) {
          right++;
        }
      }
    }
    double share = (double) right / test.size();
    return new Score(share, share >= threshold());
  }

  /** True when at every real step the allowed symbols outscore all others. */
  private static boolean predicted(Sequence logits, Sequence input, int b) {
    int steps = input.length(b);
    int[] symbols = new int[steps];
    for (int t = 0; t < steps; t++) {
      symbols[t] = Scoring.argmax(input, t, b);
    }
    int[] allowed = allowedNext(symbols);
    for (int t = 0; t < steps; t++) {
      double lowestAllowed = Double.POSITIVE_INFINITY;
      double highestOther = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < SYMBOLS.length(); k++) {
        double z = logits.get(t, b, k);
        if ((allowed[t] & bit(k)) != 0) {
          lowestAllowed = Math.min(lowestAllowed, z);
        } else {
          highestOther = Math.max(highestOther, z);
        }
      }
      if (lowestAllowed <= highestOther) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String metric() {
    return "strings predicted";
  }

  @Override
  public double threshold() {
    return 1.0;
  }

  @Override
  public boolean lowerIsBetter() {
    return false;
  }

  /**
   * A model that knows the grammar but not the second symbol (T or P), which decides the
   * second-to-last one: it guesses that symbol, and half its strings are predicted.
   */
  @Override
  public double chance() {
    return 0.5;
  }
}
