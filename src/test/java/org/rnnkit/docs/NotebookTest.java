package org.rnnkit.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every code cell of every notebook in {@code notebooks/} through JShell, the engine of the
 * Java Jupyter kernels, in this JVM with the test classpath. Kernel magics (lines starting with
 * {@code %}) are skipped: the classpath they would set up is already there. A cell that does not
 * compile or throws fails the notebook, naming the cell.
 */
class NotebookTest {

  @TestFactory
  Stream<DynamicTest> everyNotebookRuns() throws IOException {
    List<Path> notebooks;
    try (Stream<Path> s = Files.list(Path.of("notebooks"))) {
      notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertFalse(notebooks.isEmpty(), "no notebooks found in notebooks/");
    return notebooks.stream()
        .map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> run(nb)));
  }

  private static void run(Path notebook) throws IOException {
    JsonObject json = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (JShell shell =
        JShell.builder()
            .executionEngine("local")
            .out(new PrintStream(printed, true, StandardCharsets.UTF_8))
            .err(new PrintStream(printed, true, StandardCharsets.UTF_8))
            .build()) {
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        shell.addToClasspath(entry);
      }
      int cellNumber = 0;
      for (JsonElement cell : json.getAsJsonArray("cells")) {
        JsonObject c = cell.getAsJsonObject();
        cellNumber++;
        if (!c.get("cell_type").getAsString().equals("code")) {
          continue;
        }
        StringBuilder source = new StringBuilder();
        for (JsonElement line : c.getAsJsonArray("source")) {
          if (!line.getAsString().startsWith("%")) {
            source.append(line.getAsString());
          }
        }
        evaluate(shell, notebook, cellNumber, source.toString(), printed);
      }
    }
  }

  private static void evaluate(
      JShell shell, Path notebook, int cell, String source, ByteArrayOutputStream printed) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String remaining = source;
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      String snippet = info.source() != null ? info.source() : remaining;
      for (SnippetEvent event : shell.eval(snippet)) {
        if (event.status() == Snippet.Status.REJECTED) {
          String diagnostics =
              shell
                  .diagnostics(event.snippet())
                  .map(d -> d.getMessage(java.util.Locale.ROOT))
                  .toList()
                  .toString();
          throw new AssertionError(
              "%s cell %d does not compile: %s%n%s"
                  .formatted(notebook.getFileName(), cell, diagnostics, snippet));
        }
        if (event.exception() != null) {
          throw new AssertionError(
              "%s cell %d threw %s%noutput so far:%n%s"
                  .formatted(
                      notebook.getFileName(),
                      cell,
                      event.exception(),
                      printed.toString(StandardCharsets.UTF_8)),
              event.exception());
        }
      }
      remaining = info.source() != null ? info.remaining() : "";
    }
  }
}
