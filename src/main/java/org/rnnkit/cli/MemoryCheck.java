package org.rnnkit.cli;

import java.util.Locale;

/**
 * Sizes the user asked for, checked before any work starts: an estimate of the memory a run needs
 * against the JVM's maximum heap, and every matrix against Java's array limit. Estimates are
 * computed in {@code double}, so no product of sizes overflows. A run that does not fit is a {@link
 * UserError} of one line naming the options, the estimate and the limit.
 *
 * <p>Training a recurrent stack of L layers, D directions, G gates per cell (1 RNN, 3 GRU, 4 LSTM)
 * and H hidden units on I inputs, with a head of K outputs, over batches of B sequences of T steps:
 *
 * <pre>
 *   P     = L D G H (I' + H + 2) + K (D H + 1)        parameters (I' = I in layer 0, D H above)
 *   bytes = 8 (4 P + 2 L D T B H (G + 4))              values, gradients, two Adam moments;
 *                                                      per-step gates and states, forward and back
 * </pre>
 */
final class MemoryCheck {
  /** The most elements of one Java array (and so of one EJML matrix). */
  static final double MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private MemoryCheck() {}

  /** A recurrent network's sizes, as doubles so products never overflow. */
  record Network(
      double gates,
      double inputs,
      double hidden,
      double layers,
      double directions,
      double outputs) {

    /** P in the class comment. */
    double parameters() {
      double above = layers - 1;
      double first = directions * gates * hidden * (inputs + hidden + 2);
      double rest = above * directions * gates * hidden * (directions * hidden + hidden + 2);
      return first + rest + outputs * (directions * hidden + 1);
    }

    /** Bytes to train on batches of {@code batch} sequences of {@code steps} steps with Adam. */
    double trainingBytes(double steps, double batch) {
      return 8
          * (4 * parameters() + 2 * layers * directions * steps * batch * hidden * (gates + 4));
    }

    /**
     * The largest matrix training allocates: a weight ({@code G H x max(I, D H)}) or a layer's
     * per-step buffer ({@code T B x G H}).
     */
    double largestMatrix(double steps, double batch) {
      double weight = gates * hidden * Math.max(inputs, directions * hidden);
      return Math.max(weight, steps * batch * gates * hidden);
    }
  }

  /**
   * Fails unless a run of {@code bytes}, whose largest matrix has {@code largestMatrix} elements,
   * fits the JVM: every matrix within Java's array limit, the total within {@link #heap()}.
   *
   * @param options the options that set the sizes, as the user wrote them, e.g. {@code "--hidden
   *     20000 --layers 2"}
   */
  static void require(String options, double bytes, double largestMatrix) {
    if (largestMatrix > MAX_ELEMENTS) {
      throw new UserError(
          ("%s: one matrix would hold %.3g values, more than a Java array can (%d); use smaller"
                  + " values")
              .formatted(options, largestMatrix, (long) MAX_ELEMENTS));
    }
    if (bytes > heap()) {
      throw new UserError(
          ("%s: the run needs about %s, more than the JVM's maximum heap of %s; use smaller"
                  + " values, or give java more memory with -Xmx")
              .formatted(options, size(bytes), size(heap())));
    }
  }

  /** The JVM's maximum heap, {@link Runtime#maxMemory()}. */
  static double heap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** Bytes as MiB or GiB, e.g. {@code 12.3 GiB}. */
  static String size(double bytes) {
    double mib = bytes / (1 << 20);
    return mib < 1024
        ? String.format(Locale.ROOT, "%.0f MiB", Math.max(1, mib))
        : String.format(Locale.ROOT, "%.3g GiB", mib / 1024);
  }
}
