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
    assertTrue(r.out().contains("best baseline: "), r.out());
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
    assertEquals(
        "date,actual,forecast,lower,upper,naive,seasonal_naive,drift,holt_winters", csv.get(0));
    assertEquals(25, csv.size());
    // 1959-01: actual 360; naive repeats 1958-12 (337), seasonal naive 1958-01 (340)
    assertTrue(csv.get(1).startsWith("1959-01,360"), csv.get(1));
    assertTrue(csv.get(1).contains(",337.000,340.000,"), csv.get(1));
    assertTrue(metrics.has("best_baseline") && metrics.has("model_beats_best_baseline"));
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
    assertEquals(9, lines.get(1).split(",", -1).length, "the baselines too: " + lines.get(1));
    // with no hold-out, metrics.json still says what was fitted on what
    var metrics =
        JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
    var methods = metrics.getAsJsonObject("methods");
    for (String method : new String[] {"gru", "naive", "seasonal_naive", "drift", "holt_winters"}) {
      assertEquals("fitted", methods.getAsJsonObject(method).get("status").getAsString(), method);
    }
    assertEquals(40, metrics.get("fitted_on").getAsInt());
    assertEquals("2009-Q4", metrics.get("fitted_to").getAsString());
    assertTrue(metrics.get("scored").getAsString().startsWith("nothing"));
  }

  /** Issue 15: a date column of plain step numbers was forecast instead of the values. */
  @Test
  void aDateColumnOfStepNumbersIsNotTheSeries() throws IOException {
    StringBuilder sb = new StringBuilder("date,value\n");
    for (int i = 1; i <= 60; i++) {
      sb.append(i).append(',').append(500 + 40 * Math.sin(i * 0.7)).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("steps.csv"), sb);
    Path out = dir.resolve("steps");
    CliRun r =
        run(
            "forecast",
            "--data",
            csv.toString(),
            "--holdout",
            "6",
            "--ensemble",
            "1",
            "--epochs",
            "5",
            "--quiet",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    var lines = Files.readAllLines(out.resolve("forecast.csv"));
    // observation 55 is the first held out; its actual value is the series, not the index 55
    assertTrue(
        lines
            .get(1)
            .startsWith(
                "55,"
                    + String.format(java.util.Locale.ROOT, "%.6g", 500 + 40 * Math.sin(55 * 0.7))),
        lines.get(1));
    double forecast = Double.parseDouble(lines.get(1).split(",")[2]);
    assertTrue(forecast > 400 && forecast < 600, "forecast " + forecast);
  }

  @Test
  void aFileWhoseOnlyColumnIsValueRunsAndAmbiguousColumnsStop() throws IOException {
    StringBuilder one = new StringBuilder("value\n");
    StringBuilder two = new StringBuilder("t,a,b\n");
    for (int i = 1; i <= 60; i++) {
      one.append(100 + i % 7).append('\n');
      two.append(i).append(',').append(i % 7).append(',').append(i % 5).append('\n');
    }
    Path single = Files.writeString(dir.resolve("single.csv"), one);
    CliRun r =
        run(
            "forecast",
            "--data",
            single.toString(),
            "--holdout",
            "6",
            "--ensemble",
            "1",
            "--epochs",
            "3",
            "--quiet",
            "--out",
            dir.resolve("single").toString());
    assertEquals(0, r.code(), r.err());
    Path ambiguous = Files.writeString(dir.resolve("two.csv"), two);
    assertUserError("[a, b]", "forecast", "--data", ambiguous.toString());
  }

  /** Issue 15: {@code forecast --model} was an unknown option. */
  @Test
  void aSavedModelForecastsFromNewDatedHistory() throws IOException {
    StringBuilder sb = new StringBuilder("month,sales\n");
    for (int i = 0; i < 96; i++) {
      sb.append(String.format("%d-%02d", 2000 + i / 12, i % 12 + 1))
          .append(',')
          .append(
              String.format(
                  java.util.Locale.ROOT,
                  "%.3f",
                  (100 + i) * (1 + 0.3 * Math.sin(2 * Math.PI * i / 12))))
          .append('\n');
    }
    Path csv = Files.writeString(dir.resolve("m.csv"), sb);
    Path out = dir.resolve("m");
    CliRun train =
        run(
            "forecast",
            "--data",
            csv.toString(),
            "--holdout",
            "12",
            "--ensemble",
            "1",
            "--epochs",
            "5",
            "--hidden",
            "8",
            "--quiet",
            "--out",
            out.toString());
    assertEquals(0, train.code(), train.err());
    // the last 30 months, a year past the training data
    var rows = sb.toString().lines().toList();
    Path recent =
        Files.writeString(
            dir.resolve("recent.csv"),
            "month,sales\n"
                + String.join("\n", rows.subList(rows.size() - 30, rows.size()))
                + "\n");
    Path again = dir.resolve("again");
    CliRun r =
        run(
            "forecast",
            "--model",
            out.resolve("model.npz").toString(),
            "--data",
            recent.toString(),
            "--horizon",
            "6",
            "--out",
            again.toString());
    assertEquals(0, r.code(), r.err());
    var lines = Files.readAllLines(again.resolve("forecast.csv"));
    assertEquals("date,forecast,lower,upper", lines.get(0));
    assertEquals(7, lines.size());
    assertTrue(lines.get(1).startsWith("2008-01,"), lines.get(1));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double point = Double.parseDouble(f[1]);
      assertTrue(Double.parseDouble(f[2]) <= point && point <= Double.parseDouble(f[3]), line);
    }
    // undated and shorter than the training history: its phase is unknown
    StringBuilder undated = new StringBuilder("sales\n");
    rows.subList(rows.size() - 30, rows.size())
        .forEach(l -> undated.append(l.split(",")[1]).append('\n'));
    Path noDates = Files.writeString(dir.resolve("nodates.csv"), undated);
    assertUserError(
        "season",
        "forecast",
        "--model",
        out.resolve("model.npz").toString(),
        "--data",
        noDates.toString());
    Path tiny = Files.writeString(dir.resolve("tiny.csv"), "month,sales\n2008-01,5\n2008-02,6\n");
    assertUserError(
        "at least",
        "forecast",
        "--model",
        out.resolve("model.npz").toString(),
        "--data",
        tiny.toString());
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
