package org.rnnkit.notebook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Turns JShell's errors into {@link CellError}s that point at cell lines. JShell names a snippet's
 * frames {@code #id:line}, counting from the snippet's first line; every evaluated snippet is
 * remembered with the cell ({@code In [n]}) and cell line it came from, so a frame in a method
 * declared three cells earlier still points at the right place.
 */
final class Tracebacks {
  /** Name of a compiler error, as Jupyter shows it. */
  static final String COMPILATION_ERROR = "CompilationError";

  /** {@code In [3], line 7}: how a place in a notebook is named, as Jupyter numbers cells. */
  static String where(int cell, int line) {
    return "In [%d], line %d".formatted(cell, line);
  }

  private record Place(int cell, int line, String source) {
    /** Where snippet line {@code snippetLine} is in the notebook. */
    String describe(int snippetLine) {
      return where(cell, line + Math.max(snippetLine, 1) - 1);
    }

    /** The text of snippet line {@code snippetLine}, stripped; empty when out of range. */
    String text(int snippetLine) {
      String[] lines = source.split("\n", -1);
      return snippetLine >= 1 && snippetLine <= lines.length ? lines[snippetLine - 1].strip() : "";
    }
  }

  private final JShell shell;
  private final Map<String, Place> places = new HashMap<>();

  Tracebacks(JShell shell) {
    this.shell = shell;
  }

  /** Remembers where {@code snippet} came from. */
  void remember(Snippet snippet, int cell, CellSnippets.Snippet source) {
    places.put(snippet.id(), new Place(cell, source.line(), source.source()));
  }

  /** The compiler's first error on {@code snippet}, with the line and a caret under the column. */
  CellError compilation(Snippet snippet) {
    Place place = places.get(snippet.id());
    Diag diag =
        shell
            .diagnostics(snippet)
            .filter(Diag::isError)
            .findFirst()
            .orElse(shell.diagnostics(snippet).findFirst().orElse(null));
    if (diag == null) {
      return CellError.at(COMPILATION_ERROR, place.describe(1), "JShell rejected the code");
    }
    String source = place.source();
    int position = (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
    int snippetLine = CellSnippets.lineOf(source, position);
    int lineStart = source.lastIndexOf('\n', position - 1) + 1;
    int lineEnd = source.indexOf('\n', position);
    String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
    String message = diag.getMessage(Locale.ROOT);
    String where = place.describe(snippetLine);
    return new CellError(
        COMPILATION_ERROR,
        message,
        where,
        List.of(
            where + ": " + message,
            "    " + line,
            "    " + " ".repeat(position - lineStart) + "^"));
  }

  /** A declaration that names something not (yet) defined: an error in a notebook. */
  CellError unresolved(Snippet snippet) {
    Place place = places.get(snippet.id());
    String missing = missing(snippet);
    String message = "cannot find symbol " + missing;
    String where = place.describe(1);
    return new CellError(
        COMPILATION_ERROR, message, where, List.of(where + ": " + message, "    " + place.text(1)));
  }

  /** An exception thrown by a snippet, its frames pointing at cell lines, then its causes. */
  CellError exception(JShellException thrown) {
    if (thrown instanceof UnresolvedReferenceException unresolved) {
      Snippet snippet = unresolved.getSnippet();
      String message =
          "%s cannot run until %s is defined".formatted(name(snippet), missing(snippet));
      Place place = places.get(snippet.id());
      String where = place == null ? "" : place.describe(1);
      return new CellError(COMPILATION_ERROR, message, where, List.of(message));
    }
    String name = className(thrown);
    String message = thrown.getMessage() == null ? "" : thrown.getMessage();
    List<String> lines = new ArrayList<>();
    String where = "";
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      lines.add(
          (t == thrown ? "" : "Caused by: ")
              + className(t)
              + (t.getMessage() == null ? "" : ": " + t.getMessage()));
      for (StackTraceElement frame : t.getStackTrace()) {
        String cellFrame = cellFrame(frame);
        if (t == thrown && cellFrame != null) { // the outermost, in the failing cell, wins
          where = places.get(frame.getFileName().substring(1)).describe(frame.getLineNumber());
        }
        lines.add("    at " + (cellFrame != null ? cellFrame : frame.toString()));
      }
    }
    return new CellError(name, message, where, lines);
  }

  /** The class of the user's exception, which JShell passes on as an {@link EvalException}. */
  private static String className(Throwable t) {
    return t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
  }

  /** {@code f (In [2], line 3): throw new ...} for a frame in a snippet, else null. */
  private String cellFrame(StackTraceElement frame) {
    String file = frame.getFileName();
    Place place = file != null && file.startsWith("#") ? places.get(file.substring(1)) : null;
    if (place == null) {
      return null;
    }
    int line = frame.getLineNumber();
    String where = place.describe(line);
    String method = frame.getMethodName();
    return (method.isEmpty() ? where : method + " (" + where + ")") + ": " + place.text(line);
  }

  private String missing(Snippet snippet) {
    if (snippet instanceof jdk.jshell.DeclarationSnippet declaration) {
      String names = shell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
      if (!names.isEmpty()) {
        return names;
      }
    }
    return "(unknown)";
  }

  private static String name(Snippet snippet) {
    if (snippet instanceof jdk.jshell.MethodSnippet method) {
      return method.name() + "()";
    }
    return snippet instanceof jdk.jshell.PersistentSnippet p ? p.name() : snippet.source();
  }
}
