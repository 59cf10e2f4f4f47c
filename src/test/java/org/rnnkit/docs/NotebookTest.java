package org.rnnkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rnnkit.notebook.CellEngine;
import org.rnnkit.notebook.KernelSpec;
import org.rnnkit.notebook.Notebook;
import org.rnnkit.notebook.NotebookRunner;

/**
 * Runs every notebook in {@code notebooks/}, in order, through the kernel's engine ({@link
 * CellEngine}, as {@code rnnkit notebook run} does, without writing): a cell that does not compile
 * or throws fails the notebook, naming it and the cell. The notebooks check their own claims (a
 * hand-computed gradient against rnnkit's) by throwing, so a wrong number fails here too.
 */
class NotebookTest {

  static List<Path> notebooks() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("notebooks"))) {
      return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyNotebookRuns() throws IOException {
    List<Path> notebooks = notebooks();
    assertFalse(notebooks.isEmpty(), "no notebooks found in notebooks/");
    return notebooks.stream()
        .map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> run(nb)));
  }

  private static void run(Path file) throws IOException {
    Notebook notebook = Notebook.read(file);
    Optional<NotebookRunner.Failure> failure;
    try (CellEngine engine = new CellEngine()) {
      failure = NotebookRunner.run(notebook, engine);
    }
    if (failure.isPresent()) {
      fail(
          "%s cell %d: %s%n%s"
              .formatted(
                  file.getFileName(),
                  failure.get().cell(),
                  failure.get().error().summary(),
                  String.join("\n", failure.get().error().traceback())));
    }
  }

  /** Committed notebooks carry the outputs of a run, so they read well unexecuted. */
  @Test
  void everyNotebookIsCommittedWithOutputs() throws IOException {
    for (Path file : notebooks()) {
      JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
      JsonObject spec = json.getAsJsonObject("metadata").getAsJsonObject("kernelspec");
      assertEquals(Notebook.KERNEL_NAME, spec.get("name").getAsString(), file.toString());
      assertEquals(
          KernelSpec.DISPLAY_NAME, spec.get("display_name").getAsString(), file.toString());
      assertEquals(4, json.get("nbformat").getAsInt(), file.toString());
      int cell = 0;
      for (var c : json.getAsJsonArray("cells")) {
        cell++;
        JsonObject o = c.getAsJsonObject();
        if (o.get("cell_type").getAsString().equals("code")) {
          assertFalse(
              o.get("execution_count").isJsonNull(),
              file.getFileName() + " cell " + cell + " has no outputs: run notebook run on it");
          assertNotNull(o.get("outputs"));
        }
      }
    }
  }
}
