package org.rnnkit.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The symbols of a character model: every distinct character (Unicode code point) of a corpus,
 * sorted by code point, so index {@code i} is the i-th smallest character. {@code V} = {@link
 * #size()}.
 *
 * <p>What happens to a character the corpus did not have is explicit ({@link Unknown}): {@link
 * Unknown#REJECT} fails naming it; {@link Unknown#REPLACE} reserves one more symbol, {@link
 * #UNKNOWN_SYMBOL} (U+FFFD, placed in sorted order like any other), that every unseen character
 * encodes to. The policy is part of the vocabulary and is saved with it in the model file.
 */
public final class Vocabulary {
  /** The replacement character U+FFFD, the symbol of unseen characters under REPLACE. */
  public static final int UNKNOWN_SYMBOL = 0xFFFD;

  /** What {@link #encode} does with a character outside the vocabulary. */
  public enum Unknown {
    /** Fail, naming the characters that are not in the vocabulary. */
    REJECT,
    /** Encode it as {@link #UNKNOWN_SYMBOL}, which the vocabulary then contains. */
    REPLACE;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code reject} or {@code replace}. */
    public static Unknown parse(String id) {
      for (Unknown u : values()) {
        if (u.id().equals(id)) {
          return u;
        }
      }
      throw new IllegalArgumentException(
          "unknown-symbol policy must be reject or replace, got '" + id + "'");
    }
  }

  private final int[] symbols;
  private final Unknown unknown;

  private Vocabulary(int[] sortedSymbols, Unknown unknown) {
    this.symbols = sortedSymbols;
    this.unknown = unknown;
  }

  /**
   * The sorted distinct characters of {@code corpus}, plus U+FFFD under {@link Unknown#REPLACE}.
   *
   * @throws IllegalArgumentException if the corpus is empty
   */
  public static Vocabulary of(CharSequence corpus, Unknown unknown) {
    if (corpus.isEmpty()) {
      throw new IllegalArgumentException("cannot build a vocabulary from an empty text");
    }
    TreeSet<Integer> set = new TreeSet<>();
    corpus.codePoints().forEach(set::add);
    if (unknown == Unknown.REPLACE) {
      set.add(UNKNOWN_SYMBOL);
    }
    return new Vocabulary(set.stream().mapToInt(Integer::intValue).toArray(), unknown);
  }

  /**
   * A vocabulary from its saved symbols ({@link #symbols()}), validated.
   *
   * @throws IllegalArgumentException if the symbols are empty, unsorted, repeated or invalid, or
   *     REPLACE lacks U+FFFD
   */
  public static Vocabulary fromSymbols(int[] symbols, Unknown unknown) {
    if (symbols.length == 0) {
      throw new IllegalArgumentException("a vocabulary needs at least one symbol");
    }
    for (int i = 0; i < symbols.length; i++) {
      if (!Character.isValidCodePoint(symbols[i]) || (i > 0 && symbols[i] <= symbols[i - 1])) {
        throw new IllegalArgumentException(
            "vocabulary symbol %d (U+%04X) is invalid or out of order; symbols must be distinct code points in increasing order"
                .formatted(i, symbols[i]));
      }
    }
    if (unknown == Unknown.REPLACE && Arrays.binarySearch(symbols, UNKNOWN_SYMBOL) < 0) {
      throw new IllegalArgumentException(
          "a vocabulary with the replace policy must contain U+FFFD, its unknown symbol");
    }
    return new Vocabulary(symbols.clone(), unknown);
  }

  /** V, the number of symbols. */
  public int size() {
    return symbols.length;
  }

  public Unknown unknown() {
    return unknown;
  }

  /** The symbols (code points) in index order; a copy. */
  public int[] symbols() {
    return symbols.clone();
  }

  /** Whether {@code codePoint} has its own index. */
  public boolean contains(int codePoint) {
    return Arrays.binarySearch(symbols, codePoint) >= 0;
  }

  /** The index of a character, or -1 when it has none (whatever the policy). */
  public int indexOf(int codePoint) {
    int i = Arrays.binarySearch(symbols, codePoint);
    return i >= 0 ? i : -1;
  }

  /**
   * The index of every character of {@code text}, in order.
   *
   * @throws IllegalArgumentException under REJECT, naming every character outside the vocabulary
   */
  public int[] encode(CharSequence text) {
    int[] codePoints = text.codePoints().toArray();
    int[] out = new int[codePoints.length];
    int replacement = indexOf(UNKNOWN_SYMBOL);
    TreeSet<Integer> missing = new TreeSet<>();
    for (int i = 0; i < codePoints.length; i++) {
      out[i] = indexOf(codePoints[i]);
      if (out[i] < 0) {
        if (unknown == Unknown.REPLACE) {
          out[i] = replacement;
        } else {
          missing.add(codePoints[i]);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "%s not in the model's vocabulary of %d characters; use only characters of the training corpus"
              .formatted(describe(missing), size()));
    }
    return out;
  }

  private static String describe(TreeSet<Integer> missing) {
    List<String> names = new ArrayList<>();
    for (int c : missing) {
      names.add(names.size() < 10 ? display(c) : "...");
      if (names.size() > 10) {
        break;
      }
    }
    return (missing.size() == 1 ? "the character " : missing.size() + " characters ")
        + String.join(", ", names)
        + (missing.size() == 1 ? " is" : " are");
  }

  /** {@code 'é' (U+00E9)}, or only the code for control and space characters. */
  static String display(int codePoint) {
    String code = "U+%04X".formatted(codePoint);
    return Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)
        ? code
        : "'" + Character.toString(codePoint) + "' (" + code + ")";
  }

  /** The text of a sequence of indices. */
  public String decode(int... indices) {
    StringBuilder sb = new StringBuilder(indices.length);
    for (int i : indices) {
      sb.appendCodePoint(symbol(i));
    }
    return sb.toString();
  }

  /** The character (code point) of index {@code i}. */
  public int symbol(int i) {
    if (i < 0 || i >= symbols.length) {
      throw new IllegalArgumentException(
          "symbol index %d is outside 0..%d".formatted(i, symbols.length - 1));
    }
    return symbols[i];
  }
}
