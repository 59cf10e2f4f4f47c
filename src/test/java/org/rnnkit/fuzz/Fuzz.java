package org.rnnkit.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import java.util.Random;

/**
 * A small seeded fuzzer for the parsers: mutations of a valid input (bit flips, byte changes,
 * insertions, deletions, truncations, spliced runs) fed to a parser that must either accept the
 * input or throw its documented exception with a message: never another exception, an {@link
 * Error}, or an allocation beyond a bound. Fixed seeds and a fixed number of cases keep it
 * repeatable and fast; a failure names the case, its seed and the input's first bytes.
 *
 * <p>jqwik was the suggested tool; its 1.9 and 1.10 releases run on JUnit Platform 1, while rnnkit
 * tests on JUnit 6, and the mutations needed here are a few lines.
 */
public final class Fuzz {
  private Fuzz() {}

  /** A parser under test. */
  @FunctionalInterface
  public interface Parser {
    void parse(byte[] input) throws Exception;
  }

  /**
   * Runs {@code parser} on {@code cases} mutations of {@code valid} drawn from {@code seed}.
   *
   * @param documented the exception type the parser documents for bad input
   * @param maxAllocatedBytes the most bytes one case may allocate on this thread
   * @return how many cases were refused (the rest were accepted)
   */
  public static int mutations(
      byte[] valid,
      long seed,
      int cases,
      Class<? extends Exception> documented,
      long maxAllocatedBytes,
      Parser parser) {
    Random rng = new Random(seed);
    int refused = 0;
    for (int i = 0; i < cases; i++) {
      byte[] input = mutate(valid, rng);
      refused +=
          check(
                  input,
                  "case %d of seed %d".formatted(i, seed),
                  documented,
                  maxAllocatedBytes,
                  parser)
              ? 1
              : 0;
    }
    return refused;
  }

  /**
   * Runs {@code parser} on one input.
   *
   * @return true when the input was refused with the documented exception, false when accepted
   */
  public static boolean check(
      byte[] input,
      String name,
      Class<? extends Exception> documented,
      long maxAllocatedBytes,
      Parser parser) {
    long before = allocated();
    boolean refused = false;
    try {
      parser.parse(input);
    } catch (Exception e) {
      if (!documented.isInstance(e)) {
        fail(describe(name, input) + " threw " + e, e);
      }
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        fail(describe(name, input) + " threw " + e + " without a message", e);
      }
      refused = true;
    } catch (Error e) {
      fail(describe(name, input) + " threw the Error " + e, e);
    }
    long used = allocated() - before;
    if (used > maxAllocatedBytes) {
      fail(describe(name, input) + " allocated " + used + " bytes, more than " + maxAllocatedBytes);
    }
    return refused;
  }

  /** One to four random edits of a copy of {@code valid}. */
  public static byte[] mutate(byte[] valid, Random rng) {
    byte[] b = valid.clone();
    int edits = 1 + rng.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int at = rng.nextInt(b.length);
      switch (rng.nextInt(6)) {
        case 0 -> b[at] ^= (byte) (1 << rng.nextInt(8));
        case 1 -> b[at] = (byte) rng.nextInt(256);
        case 2 -> b[at] = INTERESTING[rng.nextInt(INTERESTING.length)];
        case 3 -> b = java.util.Arrays.copyOf(b, at); // truncate
        case 4 -> { // delete a run
          int n = Math.min(1 + rng.nextInt(8), b.length - at);
          byte[] c = new byte[b.length - n];
          System.arraycopy(b, 0, c, 0, at);
          System.arraycopy(b, at + n, c, at, b.length - at - n);
          b = c;
        }
        default -> { // copy a run from elsewhere over this place
          int from = rng.nextInt(b.length);
          int n = Math.min(1 + rng.nextInt(16), Math.min(b.length - at, b.length - from));
          System.arraycopy(b.clone(), from, b, at, n);
        }
      }
    }
    return b;
  }

  /** Bytes that often sit at boundaries: zero, all ones, signs, digits, quotes, separators. */
  private static final byte[] INTERESTING = {
    0, (byte) 0xFF, 0x7F, (byte) 0x80, '-', '9', '0', '\'', '"', ',', ';', '\n', '(', ')', ':'
  };

  private static String describe(String name, byte[] input) {
    byte[] head = java.util.Arrays.copyOf(input, Math.min(64, input.length));
    return "%s (%d bytes, starting %s)"
        .formatted(name, input.length, HexFormat.of().formatHex(head));
  }

  private static long allocated() {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
