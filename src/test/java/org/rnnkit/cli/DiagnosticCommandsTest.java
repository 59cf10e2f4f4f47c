package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gradients and tasks commands: tiny real runs, and bad arguments. */
class DiagnosticCommandsTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static void assertPng(Path file) throws IOException {
    assertTrue(Files.exists(file), file + " written");
    var image = ImageIO.read(file.toFile());
    assertEquals(1200, image.getWidth());
    assertEquals(800, image.getHeight());
  }

  @Test
  void gradientsWritesChartsAndJson() throws IOException {
    Path out = dir.resolve("g");
    CliRun r =
        run(
            "gradients",
            "--cells",
            "rnn,lstm",
            "--length",
            "6",
            "--hidden",
            "4",
            "--batch",
            "2",
            "--updates",
            "20",
            "--no-clip-demo",
            "--seed",
            "3",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("lstm_fb1"), r.out());
    // PyTorch was measured at T = 100, H = 32: not shown beside this run; no internal references
    assertFalse(r.out().contains("PyTorch 1.13"), r.out());
    assertFalse(r.out().toLowerCase(java.util.Locale.ROOT).contains("issue"), r.out());
    for (String name :
        new String[] {
          "gradient-flow-init.png",
          "jacobian-init.png",
          "gradient-flow-trained.png",
          "heatmap-rnn.png",
          "heatmap-lstm.png"
        }) {
      assertPng(out.resolve(name));
    }
    JsonObject json =
        JsonParser.parseString(Files.readString(out.resolve("gradients.json"))).getAsJsonObject();
    JsonObject lstm = json.getAsJsonObject("cells").getAsJsonObject("lstm");
    assertEquals(6, lstm.getAsJsonArray("init").size());
    assertEquals(6, lstm.getAsJsonArray("trained").size());
  }

  @Test
  void tasksSingleRunAndSweep() throws IOException {
    Path out = dir.resolve("t");
    CliRun single =
        run(
            "tasks",
            "adding",
            "--length",
            "4",
            "--cell",
            "gru",
            "--updates",
            "10",
            "--hidden",
            "4",
            "--out",
            out.toString());
    assertEquals(0, single.code(), single.err());
    assertTrue(single.out().contains("test MSE"), single.out());
    assertPng(out.resolve("adding-T4-gru-loss.png"));
    assertPng(out.resolve("adding-T4-gru-flow.png"));
    CliRun sweep =
        run(
            "tasks",
            "reber",
            "--sweep",
            "--lengths",
            "9,12",
            "--cells",
            "rnn,lstm",
            "--updates",
            "5",
            "--hidden",
            "4",
            "--out",
            out.toString());
    assertEquals(0, sweep.code(), sweep.err());
    assertTrue(sweep.out().contains("longest length solved"), sweep.out());
    assertPng(out.resolve("reber-success.png"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "gradients --cells rnn,elman --out X|unknown cell 'elman'",
        "gradients --length 1 --out X|--length must be at least 2",
        "gradients --hidden 0 --out X|--hidden must be at least 1",
        "gradients --length ten --out X|--length",
        "gradients --batch 0 --out X|--batch must be at least 1",
        "tasks juggling --out X|unknown task 'juggling'",
        "tasks adding --length 1 --out X|T >= 2",
        "tasks reber --length 3 --out X|at least 9",
        "tasks adding --cell elman --out X|unknown cell 'elman'",
        "tasks adding --sweep --lengths 10,x --out X|'x' is not a whole number",
        "tasks adding --updates 0 --out X|must be at least 1",
        "tasks copy --learning-rate -1 --out X|--learning-rate must be a positive number",
      })
  void badArgumentsExitWithCodeTwoAndNoStackTrace(String line, String message) {
    String[] args = line.replace("X", dir.resolve("bad").toString()).split(" ");
    CliRun r = run(args);
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(message), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(dir.resolve("bad").resolve("gradients.json")));
  }

  @Test
  void outThatIsAFileIsAUsageError() throws IOException {
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    CliRun r = run("gradients", "--length", "4", "--out", file.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("is a file"), r.err());
  }
}
