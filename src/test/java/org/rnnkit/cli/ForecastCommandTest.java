package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  /**
   * Hourly rows of a load with a daily cycle: hours {@code from .. from+n-1} after {@code first},
   * written {@code 2024-01-21T21:00:00} and {@code 2024-01-21T22:00} in turn.
   */
  private static String hourly(java.time.LocalDateTime first, int from, int n) {
    StringBuilder sb = new StringBuilder("timestamp,load\n");
    for (int i = from; i < from + n; i++) {
      sb.append(first.plusHours(i))
          .append(i % 2 == 0 ? ":00" : "")
          .append(',')
          .append(
              String.format(
                  java.util.Locale.ROOT,
                  "%.3f",
                  50 + 0.02 * i + 10 * Math.sin(2 * Math.PI * i / 24)))
          .append('\n');
    }
    return sb.toString();
  }

  /**
   * An hourly file: season 24 and horizon 48 from its spacing, forecasts dated hour by hour across
   * midnight and month end, a chart, and a saved model that places a later hourly history.
   */
  @Test
  void anHourlySeriesIsForecastHourByHourAndItsModelPlacesLaterHours() throws IOException {
    // 240 hours ending 2024-01-31 20:00
    var first = java.time.LocalDateTime.of(2024, 1, 21, 21, 0);
    Path csv = Files.writeString(dir.resolve("load.csv"), hourly(first, 0, 240));
    Path out = dir.resolve("load");
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
            "3",
            "--hidden",
            "8",
            "--quiet",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    var lines = Files.readAllLines(out.resolve("forecast.csv"));
    assertEquals(1 + 48, lines.size());
    assertTrue(lines.get(1).startsWith("2024-01-31 21:00,,"), lines.get(1));
    assertTrue(lines.get(4).startsWith("2024-02-01 00:00,,"), lines.get(4));
    assertTrue(lines.get(48).startsWith("2024-02-02 20:00,,"), lines.get(48));
    var metrics =
        JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
    assertEquals(24, metrics.get("season").getAsInt());
    assertEquals(48, metrics.get("horizon").getAsInt());
    assertEquals("2024-01-31 20:00", metrics.get("fitted_to").getAsString());
    assertEquals(1200, ImageIO.read(out.resolve("forecast.png").toFile()).getWidth());

    // hours 150..299: ends 60 hours after the training data, at 2024-02-03 08:00
    Path later = Files.writeString(dir.resolve("later.csv"), hourly(first, 150, 150));
    Path again = dir.resolve("again");
    CliRun r2 =
        run(
            "forecast",
            "--model",
            out.resolve("model.npz").toString(),
            "--data",
            later.toString(),
            "--horizon",
            "3",
            "--out",
            again.toString());
    assertEquals(0, r2.code(), r2.err());
    var next = Files.readAllLines(again.resolve("forecast.csv"));
    assertEquals(
        List.of("2024-02-03 09:00", "2024-02-03 10:00", "2024-02-03 11:00"),
        next.subList(1, 4).stream().map(l -> l.split(",")[0]).toList());
    // a daily history for the hourly model is refused by name
    Path daily = Files.writeString(dir.resolve("daily.csv"), "date,load\n" + dailyRows(60));
    assertUserError(
        "trained on hourly data",
        "forecast",
        "--model",
        out.resolve("model.npz").toString(),
        "--data",
        daily.toString());
  }

  private static String dailyRows(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(java.time.LocalDate.of(2024, 1, 1).plusDays(i))
          .append(',')
          .append(i % 7)
          .append('\n');
    }
    return sb.toString();
  }

  /** A daily file's dates are written as before hourly series: dates, no time of day. */
  @Test
  void aDailySeriesIsStillWrittenAsDates() throws IOException {
    Path csv = Files.writeString(dir.resolve("d.csv"), "date,visits\n" + dailyRows(70));
    Path out = dir.resolve("d");
    CliRun r =
        run(
            "forecast",
            "--data",
            csv.toString(),
            "--ensemble",
            "1",
            "--epochs",
            "2",
            "--hidden",
            "8",
            "--quiet",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    var lines = Files.readAllLines(out.resolve("forecast.csv"));
    // 70 days from 2024-01-01; the default hold-out is 2 weeks: 2024-02-26 .. 2024-03-10
    assertEquals(1 + 14, lines.size());
    assertTrue(lines.get(1).startsWith("2024-02-26,"), lines.get(1));
    assertTrue(lines.get(14).startsWith("2024-03-10,"), lines.get(14));
    var metrics =
        JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
    assertEquals("2024-02-25", metrics.get("fitted_to").getAsString());
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

  /**
   * Issue 14 follow-up: dates in a form not read gave a forecast with no dates and season 1, in
   * silence. The run stops with one line naming the row, the value and the forms read.
   */
  @Test
  void datesInAFormNotReadExitWithCodeTwoAndOneLine() throws IOException {
    var start = java.time.LocalDateTime.of(2020, 1, 15, 13, 0);
    String[][] cases = {
      {"us", "date", "MM/dd/yyyy"},
      {"zoned", "timestamp", "yyyy-MM-dd'T'HH:mm'Z'"},
      {"named", "month", "MMM yyyy"}
    };
    for (String[] c : cases) {
      var form = java.time.format.DateTimeFormatter.ofPattern(c[2], java.util.Locale.ENGLISH);
      StringBuilder sb = new StringBuilder(c[1] + ",value\n");
      for (int i = 0; i < 60; i++) {
        var t = c[0].equals("us") ? start.plusDays(i) : start.plusHours(i);
        t = c[0].equals("named") ? start.plusMonths(i) : t;
        sb.append(form.format(t)).append(',').append(100 + i % 3).append('\n');
      }
      Path csv = Files.writeString(dir.resolve(c[0] + ".csv"), sb);
      String first = form.format(start);
      assertUserError(
          "line 2, column '%s': '%s' is not a date or time in a form read (1960, 1960-Q3"
              .formatted(c[1], first),
          "forecast",
          "--data",
          csv.toString(),
          "--holdout",
          "2",
          "--epochs",
          "1",
          "--ensemble",
          "1",
          "--quiet",
          "--out",
          dir.resolve(c[0]).toString());
      assertFalse(Files.exists(dir.resolve(c[0]).resolve("forecast.csv")), c[0]);
    }
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
