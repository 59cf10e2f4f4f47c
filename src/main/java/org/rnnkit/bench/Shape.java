package org.rnnkit.bench;

import java.util.List;
import java.util.Locale;

/**
 * The sizes of a benchmark: input features I, hidden size H, steps T and batch B.
 *
 * @param name {@code small}, {@code medium}, {@code large}, or {@code I,H,T,B} for custom sizes
 */
public record Shape(String name, int inputSize, int hiddenSize, int steps, int batch) {
  /** I=1, H=32, T=24, B=32: overhead-bound. */
  public static final Shape SMALL = new Shape("small", 1, 32, 24, 32);

  /** I=64, H=128, T=64, B=32. */
  public static final Shape MEDIUM = new Shape("medium", 64, 128, 64, 32);

  /** I=256, H=256, T=100, B=64: product-bound. */
  public static final Shape LARGE = new Shape("large", 256, 256, 100, 64);

  /** The named configs, smallest first. */
  public static final List<Shape> PRESETS = List.of(SMALL, MEDIUM, LARGE);

  public Shape {
    if (inputSize < 1 || hiddenSize < 1 || steps < 1 || batch < 1) {
      throw new IllegalArgumentException(
          "every size must be at least 1, got I=%d, H=%d, T=%d, B=%d"
              .formatted(inputSize, hiddenSize, steps, batch));
    }
  }

  /**
   * {@code small}, {@code medium}, {@code large}, or four positive integers {@code I,H,T,B}.
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Shape parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Shape s : PRESETS) {
      if (s.name.equals(t)) {
        return s;
      }
    }
    String[] parts = t.split(",");
    if (parts.length == 4) {
      try {
        return new Shape(
            t,
            Integer.parseInt(parts[0].trim()),
            Integer.parseInt(parts[1].trim()),
            Integer.parseInt(parts[2].trim()),
            Integer.parseInt(parts[3].trim()));
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
    }
    throw new IllegalArgumentException(
        "config must be small, medium, large or I,H,T,B (four positive integers, e.g. 64,128,64,32), got '"
            + text
            + "'");
  }

  /**
   * Multiply-adds of one forward pass counted as in the PyTorch comparison: {@code 2*T*B*(I+H)*G*H}
   * floating-point operations for a cell of G gate blocks (the head and the elementwise gate math
   * are not counted). A training step counts as three forward passes.
   */
  public double forwardFlops(int gateCount) {
    return 2.0 * steps * batch * (inputSize + hiddenSize) * gateCount * hiddenSize;
  }
}
