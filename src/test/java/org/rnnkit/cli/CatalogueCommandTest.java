package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.forecast.catalogue.GlobalConfig;

class CatalogueCommandTest {
  @TempDir Path dir;

  private static final String[] SMALL = {
    "--epochs", "4", "--ensemble", "2", "--hidden", "8", "--windows-per-series", "6"
  };

  /** A monthly series of n values from 2000-01: level, trend, a yearly season, noise. */
  private static void monthly(Path file, int n, long seed) throws IOException {
    Random rng = new Random(seed);
    StringBuilder sb = new StringBuilder("month,value\n");
    double level = 100 + 50 * rng.nextDouble();
    for (int t = 0; t < n; t++) {
      double v = level + 0.3 * t + 8 * Math.sin(2 * Math.PI * t / 12) + rng.nextGaussian();
      sb.append("%d-%02d,%.3f%n".formatted(2000 + t / 12, t % 12 + 1, v));
    }
    Files.writeString(file, sb.toString());
  }

  /** The catalogue command with the SMALL network and {@code extra}. */
  private CliRun run(Path data, Path out, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of(SMALL));
    args.addAll(List.of(extra));
    return bare(data, out, args.toArray(String[]::new));
  }

  /** The catalogue command on {@code data} into {@code out} with {@code extra} only (no SMALL). */
  private static CliRun bare(Path data, Path out, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("catalogue", "--data", data.toString(), "--out", out.toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** The metrics.json the run wrote into {@code out}. */
  private static com.google.gson.JsonObject metricsJson(Path out) throws IOException {
    return JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
  }

  @Test
  void writesEveryOutputWithErrorRowsForBadSeries() throws IOException {
    Path data = Files.createDirectories(dir.resolve("shop"));
    for (int i = 0; i < 4; i++) {
      monthly(data.resolve("item" + i + ".csv"), 80 + 10 * i, i);
    }
    monthly(data.resolve("short.csv"), 20, 9);
    Files.writeString(data.resolve("text.csv"), "month,value\n2000-01,1\n2000-02,n/a\n");
    Path out = dir.resolve("out");
    CliRun r = run(data, out, "--horizon", "6", "--origins", "2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("6 series, 4 forecast (2 error rows"), r.out());
    List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
    assertEquals(
        "series_id,method,origin,status,sMAPE,MASE,MSIS,coverage_80,coverage_95,error",
        metrics.get(0));
    assertTrue(
        metrics.stream().anyMatch(l -> l.startsWith("short,,,error,") && l.contains("too short")));
    assertTrue(metrics.stream().anyMatch(l -> l.startsWith("text,,,error,") && l.contains("n/a")));
    // per forecast series: global and the six M4 benchmarks at the test part and 2 origins
    assertEquals(1 + 2 + 4 * 7 * 3, metrics.size());
    String globalTest =
        metrics.stream()
            .filter(l -> l.startsWith("item0,global,test,ok,"))
            .findFirst()
            .orElseThrow();
    assertEquals(10, globalTest.split(",", -1).length, globalTest);
    List<String> forecasts = Files.readAllLines(out.resolve("forecasts.csv"));
    assertEquals(
        "series_id,step,date,actual,global,lower_80,upper_80,lower_95,upper_95,"
            + "naive2,ses,holt,damped,theta,comb",
        forecasts.get(0));
    assertEquals(1 + 4 * 6, forecasts.size());
    // item0 has 80 values, 2000-01 .. 2006-08: the test part is 2006-03 .. 2006-08
    assertTrue(forecasts.get(1).startsWith("item0,1,2006-03,"), forecasts.get(1));
    var json = metricsJson(out);
    assertEquals(4, json.get("series_forecast").getAsInt());
    assertEquals(
        1.0,
        json.getAsJsonObject("test").getAsJsonObject("owa").get("naive2").getAsDouble(),
        1e-12);
    assertTrue(json.getAsJsonObject("intervals").get("errors_per_step").getAsInt() == 8);
    var settings = json.getAsJsonObject("settings");
    assertEquals("auto", settings.get("combine").getAsString());
    int season = json.get("season").getAsInt();
    int horizon = json.get("horizon").getAsInt();
    assertEquals(
        Math.max(8, Math.max(season, 4 * horizon)),
        settings.get("window").getAsInt(),
        "the window the rule chose is recorded");
    var combination = json.getAsJsonObject("combination");
    assertTrue(
        combination
            .getAsJsonArray("candidates")
            .toString()
            .contains(combination.get("chosen").getAsString()),
        combination.toString());
    assertTrue(combination.get("forecasts_compared").getAsInt() > 0, combination.toString());
    double network = combination.get("backtest_owa_network_alone").getAsDouble();
    double median = combination.get("backtest_owa_combined").getAsDouble();
    assertEquals(
        network < median ? "the network alone" : "median of global, damped, theta",
        combination.get("chosen").getAsString());
    assertTrue(settings.get("refit").getAsBoolean());
    assertEquals(GlobalConfig.defaults().loss().toString(), settings.get("loss").getAsString());
    for (String png : new String[] {"series.png", "mase.png"}) {
      var image = ImageIO.read(out.resolve(png).toFile());
      assertEquals(1200, image.getWidth());
      assertEquals(800, image.getHeight());
    }
  }

  /**
   * --hidden, --epochs and --ensemble reach the local model too (they were ignored there), and
   * metrics.json records the sizes the networks had; the global model's own options are refused.
   */
  @Test
  void theLocalModelTakesTheSizesGivenAndRefusesGlobalOptions() throws IOException {
    Path data = Files.createDirectories(dir.resolve("local"));
    for (int i = 0; i < 2; i++) {
      monthly(data.resolve("item" + i + ".csv"), 60, i);
    }
    java.util.Map<String, List<String>> forecasts = new java.util.LinkedHashMap<>();
    for (String hidden : new String[] {"3", "5"}) {
      Path out = dir.resolve("local-" + hidden);
      CliRun r =
          bare(
              data,
              out,
              "--model",
              "local",
              "--horizon",
              "6",
              "--origins",
              "1",
              "--combine",
              "none",
              "--hidden",
              hidden,
              "--epochs",
              "2",
              "--ensemble",
              "1");
      assertEquals(0, r.code(), r.err());
      var settings = metricsJson(out).getAsJsonObject("settings");
      assertEquals(Integer.parseInt(hidden), settings.get("hidden").getAsInt());
      assertEquals(2, settings.get("epochs").getAsInt());
      assertEquals(1, settings.get("ensemble").getAsInt());
      assertFalse(settings.has("windows_per_series"), settings.toString());
      forecasts.put(hidden, Files.readAllLines(out.resolve("forecasts.csv")));
    }
    assertNotEquals(forecasts.get("3"), forecasts.get("5"), "the hidden size reached the networks");
    for (String[] option : new String[][] {{"--window", "10"}, {"--windows-per-series", "5"}}) {
      CliRun r = bare(data, dir.resolve("o"), "--model", "local", option[0], option[1]);
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains(option[0] + " applies to --model global only"), r.err());
    }
    // the help's defaults for the global network are GlobalConfig's
    String help = CliRun.of("catalogue", "--help").out().replaceAll("\\s+", " ");
    GlobalConfig d = GlobalConfig.defaults();
    assertTrue(help.contains("default: " + d.hidden() + " for the global network"), help);
    assertTrue(help.contains("default: " + d.epochs() + " for the global network"), help);
    assertTrue(help.contains("default: " + d.ensemble() + " for the global"), help);
    assertTrue(help.contains("(default: " + d.loss() + ")"), help);
  }

  /**
   * --out and --format are checked before any work, and a run never writes among the user's files;
   * a local model that cannot fit any series before the backtest origins says to use fewer origins.
   */
  @Test
  void outputFolderFormatAndOriginsAreRefusedWithOneLine() throws IOException {
    Path data = Files.createDirectories(dir.resolve("shop2"));
    monthly(data.resolve("a.csv"), 110, 1);
    monthly(data.resolve("b.csv"), 110, 2);
    Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
    CliRun toFile = run(data, file);
    assertEquals(2, toFile.code(), toFile.err());
    assertTrue(toFile.err().contains("is a file"), toFile.err());
    assertEquals("mine", Files.readString(file));
    Path theirs = Files.createDirectories(dir.resolve("theirs"));
    Files.writeString(theirs.resolve("forecasts.csv.bak"), "keep");
    CliRun foreign = run(data, theirs);
    assertEquals(2, foreign.code(), foreign.err());
    assertTrue(foreign.err().contains("forecasts.csv.bak"), foreign.err());
    assertEquals(List.of(theirs.resolve("forecasts.csv.bak")), Files.list(theirs).toList());

    CliRun folderAsFile = run(data.resolve("a.csv"), dir.resolve("o1"), "--format", "folder");
    assertEquals(2, folderAsFile.code(), folderAsFile.err());
    assertTrue(folderAsFile.err().contains("--format folder needs a folder"), folderAsFile.err());
    CliRun fileAsFolder = run(data, dir.resolve("o2"), "--format", "long");
    assertEquals(2, fileAsFolder.code(), fileAsFolder.err());
    assertTrue(fileAsFolder.err().contains("--format long needs a file"), fileAsFolder.err());
    for (CliRun r : List.of(toFile, foreign, folderAsFile, fileAsFolder)) {
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    // 110 monthly values, horizon 18, 3 origins: 38 values before the earliest origin, too few
    // for the forecast command's network
    CliRun local =
        bare(data, dir.resolve("o3"), "--model", "local", "--ensemble", "1", "--epochs", "2");
    assertEquals(2, local.code(), local.err());
    assertTrue(
        local.err().contains("no series could be forecast from the backtest origins"), local.err());
    assertTrue(local.err().contains("fewer --origins"), local.err());
    assertFalse(Files.exists(dir.resolve("o3")), "nothing is written by a failed run");
  }

  /** A series the model could not fit is not counted as forecast, though its benchmarks ran. */
  @Test
  void aSeriesTheModelCouldNotFitIsNotCountedAsForecast() throws IOException {
    Path data = Files.createDirectories(dir.resolve("mixed-lengths"));
    // horizon 18, 1 origin: 44 values before the origin for the first, too few for a local
    // network; 114 for the second
    monthly(data.resolve("a.csv"), 80, 1);
    monthly(data.resolve("b.csv"), 150, 2);
    Path out = dir.resolve("out-counts");
    CliRun r =
        bare(
            data,
            out,
            "--model",
            "local",
            "--origins",
            "1",
            "--ensemble",
            "1",
            "--epochs",
            "2",
            "--combine",
            "none");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("2 series, 1 forecast (1 error rows"), r.out());
    var json = metricsJson(out);
    assertEquals(1, json.get("series_forecast").getAsInt());
    assertEquals(1, json.get("series_failed").getAsInt());
  }

  /** --loss reaches the network: another loss gives other forecasts, and metrics.json names it. */
  @Test
  void theLossGivenIsTheOneTrainedAndRecorded() throws IOException {
    Path data = Files.createDirectories(dir.resolve("losses"));
    for (int i = 0; i < 3; i++) {
      monthly(data.resolve("item" + i + ".csv"), 60, i);
    }
    java.util.Map<String, List<String>> forecasts = new java.util.LinkedHashMap<>();
    for (String loss : new String[] {"mse", "mae"}) {
      Path out = dir.resolve("out-" + loss);
      CliRun r =
          run(data, out, "--horizon", "6", "--origins", "1", "--combine", "none", "--loss", loss);
      assertEquals(0, r.code(), r.err());
      var settings = metricsJson(out).getAsJsonObject("settings");
      assertEquals(loss, settings.get("loss").getAsString());
      forecasts.put(loss, Files.readAllLines(out.resolve("forecasts.csv")));
    }
    // same seeds, windows and data: the loss alone changes the network's forecasts (column 4)
    List<String> mse = forecasts.get("mse");
    List<String> mae = forecasts.get("mae");
    assertEquals(mse.size(), mae.size());
    for (int i = 1; i < mse.size(); i++) {
      assertNotEquals(mse.get(i).split(",")[4], mae.get(i).split(",")[4], "row " + i);
    }
  }

  /**
   * An hourly long table: season 24 and M4's hourly horizon 48 come from its spacing, and the
   * forecasts are dated by the hour.
   */
  @Test
  void anHourlyLongTableIsForecastWithSeason24AndHorizon48() throws IOException {
    StringBuilder sb = new StringBuilder("series_id,date,value\n");
    // 200 hours ending 2024-01-31 23:00 and 180 ending there too
    var last = java.time.LocalDateTime.of(2024, 1, 31, 23, 0);
    for (String id : new String[] {"a", "b"}) {
      int n = id.equals("a") ? 200 : 180;
      for (int i = 0; i < n; i++) {
        var t = last.minusHours(n - 1 - i);
        double v = (id.equals("a") ? 40 : 90) + 8 * Math.sin(2 * Math.PI * t.getHour() / 24);
        sb.append(id)
            .append(',')
            .append(t.toLocalDate())
            .append(' ')
            .append("%02d:00".formatted(t.getHour()))
            .append(',')
            .append(String.format(Locale.ROOT, "%.3f", v + 0.01 * i))
            .append('\n');
      }
    }
    Path table = Files.writeString(dir.resolve("sensors.csv"), sb);
    Path out = dir.resolve("sensors");
    CliRun r = run(table, out, "--origins", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("horizon 48, season 24"), r.out());
    List<String> forecasts = Files.readAllLines(out.resolve("forecasts.csv"));
    assertEquals(1 + 2 * 48, forecasts.size());
    // the test part is the last 48 hours: 2024-01-30 00:00 .. 2024-01-31 23:00
    assertTrue(forecasts.get(1).startsWith("a,1,2024-01-30 00:00,"), forecasts.get(1));
    assertTrue(forecasts.get(48).startsWith("a,48,2024-01-31 23:00,"), forecasts.get(48));
  }

  @Test
  void withoutOriginsMetricsJsonSaysNothingWasRefitted() throws IOException {
    Path one = Files.createDirectories(dir.resolve("one"));
    monthly(one.resolve("a.csv"), 60, 1);
    monthly(one.resolve("b.csv"), 50, 2);
    Path out = dir.resolve("out");
    // --refit is the default, but without origins the one fit sees the whole training part
    CliRun r = run(one, out, "--origins", "0", "--combine", "none", "--quiet");
    assertEquals(0, r.code(), r.err());
    var json = metricsJson(out);
    assertFalse(json.getAsJsonObject("settings").get("refit").getAsBoolean());
  }

  @Test
  void badInputIsAUserError() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun none = run(empty, dir.resolve("o1"));
    assertEquals(2, none.code());
    assertTrue(none.err().contains("holds no series"), none.err());

    Path mixed = Files.createDirectories(dir.resolve("mixed"));
    monthly(mixed.resolve("a.csv"), 60, 1);
    Files.writeString(mixed.resolve("b.csv"), "year,value\n2000,1\n2001,2\n2002,3\n2003,5\n");
    CliRun m = run(mixed, dir.resolve("o2"));
    assertEquals(2, m.code());
    assertTrue(m.err().contains("different frequencies") && m.err().contains("--season"), m.err());

    Path table = dir.resolve("long.csv");
    Files.writeString(table, "item,date,value\na,2000-01,1\na,2000-02,2\n");
    CliRun noId = run(table, dir.resolve("o5"));
    assertEquals(2, noId.code());
    assertTrue(noId.err().contains("series_id"), noId.err());

    Path one = Files.createDirectories(dir.resolve("one"));
    monthly(one.resolve("a.csv"), 60, 1);
    CliRun holdout = run(one, dir.resolve("o3"), "--horizon", "6", "--holdout", "4");
    assertEquals(2, holdout.code());
    assertTrue(holdout.err().contains("--holdout 0 or the horizon"), holdout.err());
    CliRun season = run(one, dir.resolve("o7"), "--season", "0");
    assertEquals(2, season.code());
    assertTrue(season.err().contains("--season must be at least 1"), season.err());
    CliRun kind = run(one, dir.resolve("o4"), "--model", "both");
    assertEquals(2, kind.code());
    assertTrue(kind.err().contains("--model must be global or local"), kind.err());
    assertEquals(1, kind.err().strip().lines().count(), kind.err());
    CliRun combine = run(one, dir.resolve("o6"), "--combine", "damped,arima");
    assertEquals(2, combine.code());
    assertTrue(
        combine.err().contains("--combine takes auto, none, or benchmarks out of"), combine.err());
    assertTrue(combine.err().contains("'arima'"), combine.err());
    assertEquals(1, combine.err().strip().lines().count(), combine.err());
    CliRun window = run(one, dir.resolve("o8"), "--window", "-3");
    assertEquals(2, window.code());
    assertTrue(window.err().contains("window"), window.err());
    assertTrue(window.err().contains("-3"), window.err());
    assertEquals(1, window.err().strip().lines().count(), window.err());
    CliRun epochs = bare(one, dir.resolve("o11"), "--epochs", "0");
    assertEquals(2, epochs.code());
    assertTrue(epochs.err().contains("--epochs must be at least 1, got 0"), epochs.err());
    assertTrue(window.err().contains("--window"), window.err());
    CliRun loss = run(one, dir.resolve("o9"), "--loss", "pinball");
    assertEquals(2, loss.code());
    assertTrue(loss.err().contains("--loss must be mse, mae or huber, got 'pinball'"), loss.err());
    assertEquals(1, loss.err().strip().lines().count(), loss.err());
    CliRun localLoss = run(one, dir.resolve("o10"), "--model", "local", "--loss", "mae");
    assertEquals(2, localLoss.code());
    assertTrue(localLoss.err().contains("--loss applies to --model global only"), localLoss.err());
  }

  /** Runs the catalogue command on a long table and checks it fails with one line (exit 2). */
  private String oneLineUserError(String name, byte[] table, String... extra) throws IOException {
    Path file = Files.write(dir.resolve(name), table);
    CliRun r = run(file, dir.resolve("out-" + name), extra);
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertEquals("", r.out());
    return r.err().strip();
  }

  private String oneLineUserError(String name, String table) throws IOException {
    return oneLineUserError(name, table.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void eachBadCatalogueIsOneLineAndExitCode2() throws IOException {
    String noId = oneLineUserError("noid.csv", "item,date,value\na,2000-01,1\na,2000-02,2\n");
    assertTrue(noId.contains("has no id column 'series_id'") && noId.contains("--id-column"), noId);
    String twice =
        oneLineUserError(
            "twice.csv", "series_id,date,value\na,2000-01,1\na,2000-02,2\na,2000-01,3\n");
    assertTrue(twice.contains("line 4: series 'a' has a second row for 2000-01"), twice);
    String back = oneLineUserError("back.csv", "series_id,date,value\na,2000-02,1\na,2000-01,2\n");
    assertTrue(back.contains("series 'a' goes back from 2000-02 to 2000-01"), back);
    String mixed =
        oneLineUserError(
            "mixed.csv", "series_id,date,value\nm,2000-01,1\nm,2000-02,2\ny,2000,1\ny,2001,2\n");
    assertTrue(mixed.contains("different frequencies") && mixed.contains("--season"), mixed);
    String hourlyDaily =
        oneLineUserError(
            "hourly-daily.csv",
            "series_id,date,value\nh,2024-01-01 00:00,1\nh,2024-01-01 01:00,2\n"
                + "d,2024-01-01,5\nd,2024-01-02,6\n");
    assertTrue(
        hourlyDaily.contains("different frequencies (hourly: 1, e.g. h; daily: 1, e.g. d)")
            && hourlyDaily.contains("--season"),
        hourlyDaily);
    String repeatedHour =
        oneLineUserError(
            "repeated-hour.csv",
            "series_id,date,value\nr,2024-10-27 01:00,1\nr,2024-10-27 02:00,2\n"
                + "r,2024-10-27 02:00,3\n");
    assertTrue(
        repeatedHour.contains("series 'r' has a second row for 2024-10-27 02:00")
            && repeatedHour.contains("no zone"),
        repeatedHour);
    String empty = oneLineUserError("empty.csv", "series_id,date,value\n");
    assertTrue(empty.contains("holds no series"), empty);
    String latin =
        oneLineUserError(
            "latin.csv",
            "series_id,date,value\ncaf\u00e9,2000,1\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertTrue(latin.contains("not UTF-8 text (byte 0xE9 at offset 24"), latin);
    assertTrue(latin.contains("iconv"), latin);
  }
}
