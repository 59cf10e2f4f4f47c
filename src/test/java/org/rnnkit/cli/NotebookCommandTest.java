package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rnnkit notebook}: bad input exits 2 with one line; a failing cell is saved, then exit 1.
 */
class NotebookCommandTest {
  @TempDir Path dir;

  private static String notebook(String kernel, String... cells) {
    JsonArray list = new JsonArray();
    for (String source : cells) {
      JsonObject cell = new JsonObject();
      cell.addProperty("cell_type", "code");
      cell.addProperty("source", source);
      cell.add("metadata", new JsonObject());
      cell.add("outputs", new JsonArray());
      list.add(cell);
    }
    JsonObject spec = new JsonObject();
    spec.addProperty("name", kernel);
    spec.addProperty("display_name", kernel);
    JsonObject metadata = new JsonObject();
    metadata.add("kernelspec", spec);
    JsonObject nb = new JsonObject();
    nb.add("cells", list);
    nb.add("metadata", metadata);
    nb.addProperty("nbformat", 4);
    nb.addProperty("nbformat_minor", 5);
    return nb.toString();
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static void assertUserError(CliRun r, String expected) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void badInputExitsTwoWithOneLine() throws IOException {
    assertUserError(
        CliRun.of("notebook", "run", dir.resolve("none.ipynb").toString()), "no such file");
    assertUserError(
        CliRun.of("notebook", "run", write("text.ipynb", "print('hi')").toString()),
        "is not a notebook: it is not JSON");
    assertUserError(
        CliRun.of("notebook", "run", write("list.ipynb", "[1, 2]").toString()),
        "is not a notebook: it has no \"cells\"");
    String old = notebook("java").replace("\"nbformat\":4", "\"nbformat\":3");
    assertUserError(
        CliRun.of("notebook", "run", write("old.ipynb", old).toString()),
        "is nbformat 3; rnnkit runs nbformat 4 notebooks");
    Path python = write("py.ipynb", notebook("python3", "1 + 1"));
    assertUserError(
        CliRun.of("notebook", "run", python.toString()),
        "is a notebook for the python3 kernel; rnnkit runs notebooks whose kernel is java");
    assertUserError(
        CliRun.of("notebook", "run", python.toString(), python.toString(), "--out", "x.ipynb"),
        "--out names one file");
  }

  @Test
  void aFailingCellIsSavedWithItsErrorThenExitsOne() throws IOException {
    Path in =
        write(
            "fails.ipynb",
            notebook(
                "java",
                "System.out.println(\"first\");",
                "\n",
                "int a = 1;\nthrow new IllegalStateException(\"boom\");",
                "System.out.println(\"never\");"));
    String before = Files.readString(in);
    Path out = dir.resolve("out.ipynb");
    CliRun r = CliRun.of("notebook", "run", in.toString(), "--out", out.toString());
    assertEquals(1, r.code(), r.err());
    assertEquals(
        "rnnkit notebook run: %s cell 3 failed: java.lang.IllegalStateException: boom (In [2], line 2); wrote %s"
            .formatted(in, out),
        r.err().strip());
    assertEquals(before, Files.readString(in));

    String text = Files.readString(out);
    assertTrue(
        text.startsWith("{\n \"cells\": [\n  {\n"), text); // as Jupyter writes: indent 1, sorted
    assertTrue(text.endsWith("}\n"));
    JsonArray cells = JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("cells");
    JsonObject first = cells.get(0).getAsJsonObject();
    assertEquals(1, first.get("execution_count").getAsInt());
    JsonObject stream = first.getAsJsonArray("outputs").get(0).getAsJsonObject();
    assertEquals("stream", stream.get("output_type").getAsString());
    assertEquals("[\"first\\n\"]", stream.get("text").toString());
    assertTrue(
        cells.get(1).getAsJsonObject().get("execution_count").isJsonNull()); // blank: skipped
    JsonObject error =
        cells.get(2).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject();
    assertEquals("error", error.get("output_type").getAsString());
    assertEquals("java.lang.IllegalStateException", error.get("ename").getAsString());
    assertEquals("boom", error.get("evalue").getAsString());
    JsonObject after = cells.get(3).getAsJsonObject();
    assertTrue(after.get("execution_count").isJsonNull());
    assertEquals(0, after.getAsJsonArray("outputs").size());
  }

  @Test
  void installAndUninstallTheKernelspec() throws IOException {
    Path jar = write("rnnkit.jar", "not really a jar");
    Path prefix = dir.resolve("prefix");
    CliRun installed =
        CliRun.of("notebook", "install", "--prefix", prefix.toString(), "--jar", jar.toString());
    assertEquals(0, installed.code(), installed.err());
    Path spec = prefix.resolve("share/jupyter/kernels/java/kernel.json");
    JsonObject json = JsonParser.parseString(Files.readString(spec)).getAsJsonObject();
    assertEquals("rnnkit (Java)", json.get("display_name").getAsString());
    assertEquals("java", json.get("language").getAsString());
    JsonArray argv = json.getAsJsonArray("argv");
    assertTrue(Path.of(argv.get(0).getAsString()).isAbsolute());
    assertEquals("-jar", argv.get(1).getAsString());
    assertEquals(jar.toAbsolutePath().toString(), argv.get(2).getAsString());
    assertEquals(
        List.of("notebook", "kernel", "{connection_file}"),
        argv.asList().subList(3, 6).stream().map(JsonElement::getAsString).toList());
    assertEquals(
        0,
        CliRun.of("notebook", "install", "--prefix", prefix.toString(), "--jar", jar.toString())
            .code());

    CliRun removed = CliRun.of("notebook", "uninstall", "--prefix", prefix.toString());
    assertEquals(0, removed.code(), removed.err());
    assertFalse(Files.exists(spec.getParent()));
    assertUserError(
        CliRun.of("notebook", "uninstall", "--prefix", prefix.toString()),
        "no rnnkit kernel is installed");
  }

  @Test
  void anotherJavaKernelIsLeftAlone() throws IOException {
    Path prefix = dir.resolve("prefix");
    Path spec = prefix.resolve("share/jupyter/kernels/java/kernel.json");
    Files.createDirectories(spec.getParent());
    String ijava =
        "{\"argv\": [\"java\", \"-jar\", \"ijava.jar\", \"{connection_file}\"], \"display_name\": \"Java\"}";
    Files.writeString(spec, ijava);
    Path jar = write("rnnkit.jar", "x");
    assertUserError(
        CliRun.of("notebook", "install", "--prefix", prefix.toString(), "--jar", jar.toString()),
        "another kernel named java is installed");
    assertUserError(
        CliRun.of("notebook", "uninstall", "--prefix", prefix.toString()), "is not rnnkit's");
    assertEquals(ijava, Files.readString(spec));
  }

  @Test
  void installOutsideAJarSaysHowToBuildIt() {
    assertUserError(
        CliRun.of("notebook", "install", "--prefix", dir.toString()), "not a jar; build it");
    assertUserError(
        CliRun.of(
            "notebook",
            "install",
            "--prefix",
            dir.toString(),
            "--jar",
            dir.resolve("x.jar").toString()),
        "no jar at");
  }
}
