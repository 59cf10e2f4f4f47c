package org.rnnkit.cli;

import java.util.function.Supplier;
import org.rnnkit.train.TrainingDivergedException;

/**
 * A mistake in what the user asked for (a missing file, a bad option value, data that does not
 * fit): reported as one line naming the problem and the fix, with exit code 2 and no stack trace.
 * The only exception the command line treats so ({@link RnnKit#commandLine()}); a library's {@link
 * IllegalArgumentException} or {@link java.io.IOException} that reaches the boundary unconverted is
 * a bug and keeps its stack trace (exit code 1). Commands convert at the call that checks what the
 * user gave: {@link #whenInvalid}.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the one line: what is wrong and how to fix it
   */
  public UserError(String message) {
    super(message);
  }

  /**
   * @param message the one line: what is wrong and how to fix it
   * @param cause the library's exception it came from
   */
  public UserError(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Runs {@code body}, which checks values the user gave (a cell name, a data file's contents, a
   * setting), and turns the {@link IllegalArgumentException} it throws for a bad one into a user
   * error with the same message.
   */
  public static <T> T whenInvalid(Supplier<T> body) {
    try {
      return body.get();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** A call that may read or write files (and fail with a checked exception). */
  @FunctionalInterface
  interface FileCall<T> {
    T call() throws Exception;
  }

  /**
   * {@link #whenInvalid} for a call that reads or writes files the user named (a notebook, a kernel
   * folder): its {@link IllegalArgumentException} becomes a user error; an {@link
   * java.io.IOException} or any other exception stays what it is.
   */
  static <T> T whenInvalidFile(FileCall<T> body) throws Exception {
    try {
      return body.call();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /**
   * The user error that {@code e} stands for, or null when {@code e} is a bug: a {@link UserError},
   * or training that diverged under the user's settings (its message says what to change).
   */
  static UserError of(Exception e) {
    if (e instanceof UserError u) {
      return u;
    }
    if (e instanceof TrainingDivergedException) {
      return new UserError(e.getMessage(), e);
    }
    return null;
  }
}
