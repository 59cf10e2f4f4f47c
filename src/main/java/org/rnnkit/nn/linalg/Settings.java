package org.rnnkit.nn.linalg;

import java.util.Locale;

/**
 * The process-wide choices of this package, read from system properties in one place: {@code
 * rnnkit.blas} (which backend {@link MatMul#current()} is) and {@code rnnkit.threads} (the starting
 * value of {@link MatMul#threads()}).
 */
final class Settings {
  /** What {@code rnnkit.blas} asks for. */
  enum Backend {
    /** OpenBLAS where it loads, else Java. */
    AUTO,
    /** OpenBLAS; fail where it does not load. */
    OPENBLAS,
    /** The pure-Java kernel; OpenBLAS is not even loaded. */
    JAVA
  }

  private Settings() {}

  /**
   * {@code rnnkit.blas}: {@code auto} (default), {@code openblas} or {@code java}.
   *
   * @throws IllegalArgumentException naming the choices, for any other value
   */
  static Backend backend() {
    String value = System.getProperty("rnnkit.blas", "auto").trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "", "auto" -> Backend.AUTO;
      case "openblas" -> Backend.OPENBLAS;
      case "java" -> Backend.JAVA;
      default ->
          throw new IllegalArgumentException(
              "rnnkit.blas must be auto, openblas or java, got '" + value + "'");
    };
  }

  /** True when {@code rnnkit.blas=java}: then OpenBLAS is not loaded at all. */
  static boolean javaOnly() {
    try {
      return backend() == Backend.JAVA;
    } catch (IllegalArgumentException e) {
      return false; // reported by MatMul.current()
    }
  }

  /**
   * {@code rnnkit.threads}: a whole number, at least 1 (default 1).
   *
   * @throws IllegalArgumentException for anything else
   */
  static int threads() {
    String value = System.getProperty("rnnkit.threads", "1").trim();
    try {
      int threads = Integer.parseInt(value);
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException(
        "rnnkit.threads must be a whole number of at least 1, got '" + value + "'");
  }
}
