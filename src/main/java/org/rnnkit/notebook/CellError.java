package org.rnnkit.notebook;

import java.util.List;

/**
 * Why a cell failed, as Jupyter shows it: the error's name (an exception class, or {@code
 * CompilationError}), its message, where in the notebook it happened, and the lines of the
 * traceback.
 *
 * @param name exception class name or {@code CompilationError}
 * @param message the exception's or the compiler's message
 * @param location {@code In [3], line 2}: the cell (by execution count) and line; empty if unknown
 * @param traceback the lines shown under the cell, first line first
 */
public record CellError(String name, String message, String location, List<String> traceback) {
  public CellError {
    traceback = List.copyOf(traceback);
  }

  /** An error at one place, its traceback the one line {@code location: message}. */
  static CellError at(String name, String location, String message) {
    return new CellError(name, message, location, List.of(location + ": " + message));
  }

  /** The error in one line: {@code name: message (In [3], line 2)}. */
  public String summary() {
    String text = message.isEmpty() ? name : name + ": " + message;
    return location.isEmpty() ? text : text + " (" + location + ")";
  }
}
