package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void defaultRunWritesEveryOutput() throws IOException {
    Path out = dir.resolve("out");
    CliRun r = run("forecast", "--ensemble", "1", "--epochs", "40", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("seasonal_naive") && r.out().contains("MASE"), r.out());
    var metrics =
        JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
    assertEquals("gru", metrics.get("model").getAsString());
    for (String method : new String[] {"gru", "naive", "seasonal_naive", "drift", "holt_winters"}) {
      var m = metrics.getAsJsonObject("methods").getAsJsonObject(method);
      for (String name : new String[] {"MAE", "RMSE", "MAPE", "sMAPE", "MASE"}) {
        assertTrue(Double.isFinite(m.get(name).getAsDouble()), method + " " + name);
      }
    }
    var csv = Files.readAllLines(out.resolve("forecast.csv"));
    assertEquals("date,actual,forecast,lower,upper", csv.get(0));
    assertEquals(25, csv.size());
    assertTrue(csv.get(1).startsWith("1959-01,360"), csv.get(1));
    for (String png : new String[] {"forecast.png", "loss.png"}) {
      var image = ImageIO.read(out.resolve(png).toFile());
      assertEquals(1200, image.getWidth());
      assertEquals(800, image.getHeight());
    }
    assertTrue(Files.size(out.resolve("model.npz")) > 1000);
  }

  @Test
  void forecastBeyondTheDataWithHoldoutZero() throws IOException {
    Path csv = dir.resolve("q.csv");
    StringBuilder sb = new StringBuilder("quarter,sales\n");
    for (int i = 0; i < 40; i++) {
      sb.append(2000 + i / 4)
          .append("-Q")
          .append(i % 4 + 1)
          .append(',')
          .append(100 + i + 10 * (i % 4))
          .append('\n');
    }
    Files.writeString(csv, sb);
    Path out = dir.resolve("q");
    CliRun r =
        run(
            "forecast",
            "--data",
            csv.toString(),
            "--holdout",
            "0",
            "--ensemble",
            "1",
            "--epochs",
            "10",
            "--quiet",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    var lines = Files.readAllLines(out.resolve("forecast.csv"));
    assertEquals(9, lines.size());
    assertTrue(lines.get(1).startsWith("2010-Q1,,"), lines.get(1));
  }

  @Test
  void boxCoxTransformRuns() {
    CliRun r =
        run(
            "forecast",
            "--transform",
            "boxcox",
            "--ensemble",
            "1",
            "--epochs",
            "5",
            "--quiet",
            "--out",
            dir.resolve("bc").toString());
    assertEquals(0, r.code(), r.err());
  }

  private void assertUserError(String expected, String... args) {
    CliRun r = run(args);
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
  }

  @Test
  void badInputExitsWithCodeTwoAndOneLine() throws IOException {
    assertUserError("no such file", "forecast", "--data", dir.resolve("nope.csv").toString());
    Path empty = Files.createFile(dir.resolve("empty.csv"));
    assertUserError("is empty", "forecast", "--data", empty.toString());
    Path header = Files.writeString(dir.resolve("header.csv"), "date,value\n");
    assertUserError("no data rows", "forecast", "--data", header.toString());
    Path shortFile =
        Files.writeString(
            dir.resolve("short.csv"), "date,value\n2000,1\n2001,2\n" + "2002,3\n2003,4\n");
    assertUserError("need at least", "forecast", "--data", shortFile.toString());
    Path text = Files.writeString(dir.resolve("text.csv"), "date,value\n2000-01,1\n2000-02,x\n");
    assertUserError("line 3, column 'value'", "forecast", "--data", text.toString());
    StringBuilder negative = new StringBuilder("value\n");
    for (int i = 0; i < 60; i++) {
      negative.append(i - 5).append('\n');
    }
    Path neg = Files.writeString(dir.resolve("neg.csv"), negative);
    assertUserError("--transform none", "forecast", "--data", neg.toString(), "--transform", "log");
    assertUserError("unknown cell", "forecast", "--cell", "transformer");
    assertUserError("--learning-rate must be", "forecast", "--learning-rate", "-1");
    assertUserError("--strategy must be", "forecast", "--strategy", "sideways");
    assertUserError("--holdout must be 0 or more", "forecast", "--holdout", "-1");
    assertUserError("--horizon at least 1", "forecast", "--horizon", "0");
  }
}
