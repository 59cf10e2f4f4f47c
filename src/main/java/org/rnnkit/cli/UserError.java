package org.rnnkit.cli;

/**
 * A mistake in what the user asked for (a missing file, a bad option value, data that does not
 * fit): reported as one line naming the problem and the fix, with exit code 2 and no stack trace.
 */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserError(String message) {
    super(message);
  }
}
