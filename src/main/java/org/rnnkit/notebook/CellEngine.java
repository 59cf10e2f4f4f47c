package org.rnnkit.notebook;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs notebook cells with JShell ({@code jdk.jshell}) in this JVM, with this JVM's class path
 * (rnnkit and its libraries) on the cells' class path; the engine of both the Jupyter kernel
 * ({@link RnnKitKernel}) and {@code rnnkit notebook run} ({@link NotebookRunner}).
 *
 * <p>A cell runs snippet by snippet; what it prints to {@code System.out} and {@code System.err}
 * goes to the cell's output as it is printed, {@code display(x)} shows a value (a chart as a
 * picture), and the value of the last line, when it is an expression, is the cell's result. The
 * first snippet that does not compile or throws ends the cell with a {@link CellError} naming the
 * cell and line. Cells start with {@code java.util.*}, {@code java.util.function.*}, {@code
 * java.util.stream.*}, {@code java.io.*}, {@code java.nio.file.*} and {@code display} imported. One
 * cell runs at a time.
 */
public final class CellEngine implements AutoCloseable {
  private static final List<String> STARTUP =
      List.of(
          "import java.io.*;",
          "import java.nio.file.*;",
          "import java.util.*;",
          "import java.util.function.*;",
          "import java.util.stream.*;",
          "import static org.rnnkit.notebook.Display.display;");

  /** Snippet kinds whose value a cell shows when they come last: expressions. */
  private static final Set<Snippet.SubKind> SHOWN =
      Set.of(
          Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND,
          Snippet.SubKind.VAR_VALUE_SUBKIND,
          Snippet.SubKind.OTHER_EXPRESSION_SUBKIND);

  private final CapturingExecutionControl control = new CapturingExecutionControl();
  private final JShell shell;
  private final Tracebacks tracebacks;
  private int executionCount;

  /** An engine whose cells see this JVM's class path. */
  public CellEngine() {
    shell =
        JShell.builder()
            .executionEngine(CapturingExecutionControl.provider(control), Map.of())
            .build();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        shell.addToClasspath(entry);
      }
    }
    tracebacks = new Tracebacks(shell);
    for (String line : STARTUP) {
      for (SnippetEvent event : shell.eval(line)) {
        if (event.status() != Snippet.Status.VALID) {
          throw new IllegalStateException("notebook engine cannot start: " + line + " fails");
        }
      }
    }
  }

  /** Number of cells run so far; the last cell shows as {@code In [n]}. */
  public int executionCount() {
    return executionCount;
  }

  /**
   * Runs one cell, sending what it prints, displays and evaluates to {@code output}.
   *
   * @return the error that ended the cell, if any
   */
  public Optional<CellError> execute(String code, CellOutput output) {
    int cell = ++executionCount;
    PrintStream systemOut = System.out;
    PrintStream systemErr = System.err;
    InputStream systemIn = System.in;
    Forwarder out = new Forwarder("stdout", output);
    Forwarder err = new Forwarder("stderr", output);
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setIn(InputStream.nullInputStream());
    Runnable drain =
        () -> {
          System.out.flush();
          System.err.flush();
          out.drain();
          err.drain();
        };
    CellOutput ordered = ordered(output, drain);
    Display.attach(ordered);
    try {
      return run(cell, code, ordered);
    } finally {
      drain.run();
      Display.attach(null);
      System.setOut(systemOut);
      System.setErr(systemErr);
      System.setIn(systemIn);
    }
  }

  /** {@code output}, with printed text sent before each picture or value. */
  private static CellOutput ordered(CellOutput output, Runnable drain) {
    return new CellOutput() {
      @Override
      public void stream(String name, String text) {
        output.stream(name, text);
      }

      @Override
      public void display(Map<String, String> bundle) {
        drain.run();
        output.display(bundle);
      }

      @Override
      public void result(Map<String, String> bundle) {
        drain.run();
        output.result(bundle);
      }
    };
  }

  private Optional<CellError> run(int cell, String code, CellOutput output) {
    Optional<CellError> magic = magic(cell, code);
    if (magic.isPresent()) {
      return magic;
    }
    CellSnippets.Split split = CellSnippets.split(code, shell.sourceCodeAnalysis());
    Object shown = CapturingExecutionControl.NONE;
    String shownText = null;
    for (CellSnippets.Snippet snippet : split.snippets()) {
      control.takeValue();
      List<SnippetEvent> events = shell.eval(snippet.source());
      SnippetEvent fresh =
          events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElseThrow();
      tracebacks.remember(fresh.snippet(), cell, snippet);
      Optional<CellError> error = error(fresh);
      if (error.isPresent()) {
        return error;
      }
      boolean expression = SHOWN.contains(fresh.snippet().subKind()) && fresh.value() != null;
      shown = expression ? control.takeValue() : CapturingExecutionControl.NONE;
      shownText = fresh.value();
    }
    if (split.unfinished() != null) {
      return Optional.of(
          CellError.at(
              Tracebacks.COMPILATION_ERROR,
              Tracebacks.where(cell, split.unfinishedLine()),
              "the cell ends before this statement does: " + firstLine(split.unfinished())));
    }
    if (shows(shown)) {
      output.result(Display.bundle(shown, shown instanceof String text ? text : shownText));
    }
    return Optional.empty();
  }

  /**
   * Whether a cell shows its last expression's value: not when there is none, it is null, or it is
   * the stream {@code System.out.printf(...)} returns.
   */
  private static boolean shows(Object value) {
    return value != CapturingExecutionControl.NONE
        && value != null
        && !(value instanceof java.io.PrintStream);
  }

  /** The error a freshly evaluated snippet ended with, if any. */
  private Optional<CellError> error(SnippetEvent event) {
    return switch (event.status()) {
      case REJECTED -> Optional.of(tracebacks.compilation(event.snippet()));
      case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED ->
          Optional.of(tracebacks.unresolved(event.snippet()));
      default ->
          event.exception() == null
              ? Optional.empty()
              : Optional.of(tracebacks.exception(event.exception()));
    };
  }

  /**
   * Line magics ({@code %jars ...}) at the top of a cell are not supported: rnnkit is on the class
   * path already.
   */
  private static Optional<CellError> magic(int cell, String code) {
    String[] lines = code.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("%")) {
        String message =
            ("%s: rnnkit's kernel has no %%-magics; rnnkit and its libraries are on the class"
                    + " path already, delete the line")
                .formatted(line.split("\\s+")[0]);
        return Optional.of(CellError.at("MagicError", Tracebacks.where(cell, i + 1), message));
      }
      if (!line.isEmpty()) {
        break;
      }
    }
    return Optional.empty();
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  /** Interrupts the running cell, which ends with an error; does nothing between cells. */
  public void interrupt() {
    control.interrupt();
  }

  /** Whether {@code code} ends where a statement ends (a console may run it). */
  public boolean isComplete(String code) {
    return CellSnippets.split(code, shell.sourceCodeAnalysis()).unfinished() == null;
  }

  /**
   * Completions at {@code cursor}, those that fit the expected type first: the texts that may
   * replace {@code code} from the returned anchor to the cursor.
   */
  public Completions complete(String code, int cursor) {
    int[] anchor = new int[1];
    List<String> texts =
        shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor).stream()
            .sorted(Comparator.comparing(s -> !s.matchesType()))
            .map(SourceCodeAnalysis.Suggestion::continuation)
            .distinct()
            .toList();
    return new Completions(texts, anchor[0]);
  }

  /**
   * What {@link #complete} offers.
   *
   * @param texts replacements for the text from {@code anchor} to the cursor
   * @param anchor where the replaced text starts
   */
  public record Completions(List<String> texts, int anchor) {}

  @Override
  public void close() {
    shell.close();
  }

  /**
   * Sends what a cell prints to its output a line at a time (a {@code PrintStream} flushes on every
   * write; one message per piece of a {@code printf} would flood the front end), and the rest of a
   * line when {@link #drain()}ed: before a picture is shown and when the cell ends.
   */
  private static final class Forwarder extends OutputStream {
    private final String name;
    private final CellOutput output;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Forwarder(String name, CellOutput output) {
      this.name = name;
      this.output = output;
    }

    @Override
    public synchronized void write(int b) {
      pending.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      pending.write(b, off, len);
    }

    /** Sends the complete lines written so far. */
    @Override
    public synchronized void flush() {
      byte[] bytes = pending.toByteArray();
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      if (end > 0) {
        output.stream(name, new String(bytes, 0, end, StandardCharsets.UTF_8));
        pending.reset();
        pending.write(bytes, end, bytes.length - end);
      }
    }

    /** Sends everything written so far. */
    synchronized void drain() {
      if (pending.size() > 0) {
        output.stream(name, pending.toString(StandardCharsets.UTF_8));
        pending.reset();
      }
    }
  }
}
