package org.rnnkit.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel's engine: outputs in order, pictures, errors that point at cell lines. */
class CellEngineTest {
  private static CellEngine engine;

  @BeforeAll
  static void start() {
    engine = new CellEngine();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static RecordedOutput ok(String code) {
    RecordedOutput out = new RecordedOutput();
    Optional<CellError> error = engine.execute(code, out);
    assertTrue(error.isEmpty(), () -> error.get().summary());
    return out;
  }

  private static CellError failing(String code) {
    return engine.execute(code, new RecordedOutput()).orElseThrow();
  }

  @Test
  void printedTextThenTheLastExpression() {
    RecordedOutput out =
        ok("System.out.println(\"a\");\nSystem.err.print(\"b\");\nint x = 40;\nx + 2");
    assertEquals(List.of("stdout", "stderr", "result"), out.kinds());
    assertEquals("a\n", out.printed("stdout"));
    assertEquals("b", out.printed("stderr"));
    assertEquals("42", out.items.get(2).text());
  }

  @Test
  void declarationsAndPrintfShowNoValue() {
    RecordedOutput out = ok("int unseen = 5;\nSystem.out.printf(\"%d%n\", unseen)");
    assertEquals(List.of("stdout"), out.kinds());
    assertEquals("5\n", out.printed("stdout"));
    assertEquals(List.of(), ok("String s = \"declared\";").kinds());
  }

  @Test
  void aStringIsShownAsItsText() {
    assertEquals("abc", ok("\"ab\" + \"c\"").items.get(0).text());
  }

  @Test
  void chartsAreShownAsPictures() throws IOException {
    RecordedOutput out =
        ok(
            "var chart = new org.rnnkit.chart.LineChart(\"title\", \"x\", \"y\")\n"
                + "    .add(org.rnnkit.chart.Series.indexed(\"s\", new double[] {1, 2, 3})).build();\n"
                + "System.out.println(\"before\");\n"
                + "display(chart);\n"
                + "chart");
    assertEquals(List.of("stdout", "display", "result"), out.kinds());
    for (int i = 1; i <= 2; i++) {
      var bundle = out.items.get(i).bundle();
      byte[] png = Base64.getDecoder().decode(bundle.get("image/png"));
      var image = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(Display.CHART_WIDTH, image.getWidth());
      assertEquals(Display.CHART_HEIGHT, image.getHeight());
      assertEquals("<chart \"title\">", bundle.get("text/plain"));
    }
  }

  @Test
  void aPngFileIsShownAsWritten(@TempDir Path dir) throws IOException {
    Path png = dir.resolve("written.png");
    org.rnnkit.chart.ChartStyle.writePng(
        new org.rnnkit.chart.LineChart("t", "x", "y")
            .add(org.rnnkit.chart.Series.indexed("s", new double[] {1, 2}))
            .build(),
        png);
    RecordedOutput out = ok("display(Path.of(\"" + png.toString().replace("\\", "\\\\") + "\"));");
    byte[] shown = Base64.getDecoder().decode(out.items.get(0).bundle().get("image/png"));
    assertArrayEquals(Files.readAllBytes(png), shown);
  }

  @Test
  void aCompileErrorNamesTheCellLineAndColumn() {
    CellError e = failing("int fine = 1;\n\nint bad = \"text\";");
    int cell = engine.executionCount();
    assertEquals("CompilationError", e.name());
    assertTrue(e.message().contains("incompatible types"), e.message());
    assertEquals("In [%d], line 3".formatted(cell), e.location());
    assertEquals("    int bad = \"text\";", e.traceback().get(1));
    assertEquals("    " + " ".repeat(10) + "^", e.traceback().get(2));
  }

  @Test
  void anExceptionPointsAtTheLinesOfEveryCellItCrosses() {
    ok("void explode() {\n  int a = 1;\n  throw new IllegalStateException(\"boom\");\n}");
    int defined = engine.executionCount();
    CellError e = failing("// call it\nint y = 1;\nexplode();");
    int called = engine.executionCount();
    assertEquals("java.lang.IllegalStateException", e.name());
    assertEquals("boom", e.message());
    assertEquals("In [%d], line 3".formatted(called), e.location());
    assertEquals(
        List.of(
            "java.lang.IllegalStateException: boom",
            "    at explode (In [%d], line 3): throw new IllegalStateException(\"boom\");"
                .formatted(defined),
            "    at In [%d], line 3: explode();".formatted(called)),
        e.traceback());
    assertEquals(
        "java.lang.IllegalStateException: boom (In [%d], line 3)".formatted(called), e.summary());
    assertEquals("2", ok("y + 1").items.get(0).text()); // the engine goes on
  }

  @Test
  void causesAndLibraryFramesAreKept() {
    CellError e = failing("Integer.parseInt(\"x\", 10)");
    assertEquals("java.lang.NumberFormatException", e.name());
    assertTrue(
        e.traceback().get(1).contains("at java.base/java.lang.NumberFormatException"),
        e.traceback().toString());
    CellError wrapped =
        failing("throw new RuntimeException(\"outer\", new ArithmeticException(\"inner\"));");
    assertTrue(
        wrapped.traceback().contains("Caused by: java.lang.ArithmeticException: inner"),
        wrapped.traceback().toString());
  }

  @Test
  void aCellEndingInsideAStatementIsAnError() {
    CellError e = failing("int before = 1;\nfor (int i = 0; i < 3; i++) {\n  before++;");
    assertEquals("CompilationError", e.name());
    assertTrue(
        e.message().startsWith("the cell ends before this statement does: for (int i"),
        e.message());
    assertEquals("In [%d], line 2".formatted(engine.executionCount()), e.location());
  }

  @Test
  void aReferenceToSomethingUndefinedIsAnError() {
    CellError e = failing("void later() { notDefinedYet(); }");
    assertEquals("CompilationError", e.name());
    assertTrue(e.message().contains("notDefinedYet"), e.message());
  }

  @Test
  void magicsAreRefusedWithTheFix() {
    CellError e = failing("\n%jars ../target/rnnkit.jar\nint z = 1;");
    assertEquals("MagicError", e.name());
    assertTrue(e.message().startsWith("%jars: rnnkit's kernel has no %-magics"), e.message());
    assertEquals("In [%d], line 2".formatted(engine.executionCount()), e.location());
  }

  @Test
  void anInterruptEndsARunningCell() throws Exception {
    CompletableFuture<Optional<CellError>> running =
        CompletableFuture.supplyAsync(
            () -> engine.execute("while (true) { Thread.sleep(5); }", new RecordedOutput()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!running.isDone() && System.nanoTime() < deadline) {
      engine.interrupt();
      Thread.sleep(50);
    }
    CellError e = running.get(1, TimeUnit.SECONDS).orElseThrow();
    assertTrue(e.name().contains("Interrupted"), e.summary());
    assertEquals("3", ok("1 + 2").items.get(0).text());
  }

  @Test
  void completionsComeFromJShell() {
    CellEngine.Completions c = engine.complete("Math.ma", 7);
    assertTrue(c.texts().contains("max("), c.texts().toString());
    assertEquals(5, c.anchor());
    assertTrue(engine.isComplete("int q = 1;"));
    assertTrue(!engine.isComplete("for (;;) {"));
  }

  @Test
  void displayOutsideACellSaysWhatToDoInstead() {
    var e = assertThrows(IllegalStateException.class, () -> Display.display("x"));
    assertTrue(e.getMessage().contains("ChartStyle.writePng"), e.getMessage());
  }
}
