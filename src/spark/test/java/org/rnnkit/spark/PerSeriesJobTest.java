package org.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.forecast.catalogue.Backtest;
import org.rnnkit.forecast.catalogue.CatalogueModel;
import org.rnnkit.forecast.catalogue.CatalogueResult;
import org.rnnkit.forecast.catalogue.CombinationChoice;
import org.rnnkit.forecast.catalogue.CombinedModel;
import org.rnnkit.forecast.catalogue.LocalModel;
import org.rnnkit.forecast.catalogue.SeriesInput;
import org.rnnkit.forecast.m4.M4Benchmarks;

/**
 * The per-series job in local mode on a tiny catalogue: three good series and four bad ones, each
 * forecast by a forecaster small enough for the test suite, with {@code catalogue --model local}'s
 * defaults (the refit, and the median with Damped and Theta or the network alone as the backtest
 * chooses) and, through the entry point, without them. One session for the class, with failed tasks
 * retried ({@code local[2,3]}).
 */
class PerSeriesJobTest {
  private static final int H = 4;
  private static final int ORIGINS = 2;
  private static final PerSeriesJob.LocalSettings TINY =
      new PerSeriesJob.LocalSettings("gru", 4, 4, 2, 3);
  private static final PerSeriesJob.Settings SETTINGS =
      new PerSeriesJob.Settings(
          LongTableRows.Columns.defaults(), 1, H, true, ORIGINS, true, TINY, 3);

  /** {@code --combine auto}: Damped and Theta, chosen by the backtest. */
  private static final PerSeriesJob.Combination AUTO =
      new PerSeriesJob.Combination(List.of("damped", "theta"), true);

  private static SparkSession spark;

  /** series id, date, value as text: the rows of the long table, shuffled. */
  private static List<String[]> rows;

  /** {@code catalogue --model local} on the same series in this process, with its defaults. */
  private static CatalogueResult expected;

  /** What the job chose between the network alone and the combination. */
  private static CombinationChoice choice;

  @TempDir static Path dir;

  /** The job's output folder, written by a run during which one task failed once. */
  private static String out;

  @BeforeAll
  static void runTheJobOnce() throws IOException {
    spark = LocalSpark.start(2, 3);
    // tiny tables: interpreting the plans costs less than compiling them (Janino)
    spark.conf().set("spark.sql.codegen.wholeStage", "false");
    spark.conf().set("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    rows = catalogueRows();
    expected = inProcess(true);
    PerSeriesJob.Result r =
        PerSeriesJob.run(spark, table(), "test", SETTINGS, AUTO, new FailFirstAttempt("s1"), null);
    choice = r.combination();
    assertTrue(r.refitted());
    out = dir.resolve("run").toString();
    RunOutput.write(
        spark, out, "parquet", r.forecasts(), r.metrics(), Map.of("series", r.series()));
    assertEquals(7, r.series());
    assertEquals(4, r.failed());
    assertTrue(r.intervals() != null && r.intervals().errorsPerStep() == 3 * ORIGINS);
  }

  private static Dataset<Row> forecastsWritten() {
    return spark.read().parquet(out + "/forecasts").orderBy("series_id", "step");
  }

  private static Dataset<Row> metricsWritten() {
    return spark.read().parquet(out + "/metrics").orderBy("series_id", "method", "origin");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static List<String[]> catalogueRows() {
    Random rng = new Random(5);
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      double level = 50 + 100 * rng.nextDouble();
      double trend = rng.nextGaussian();
      for (int t = 0; t < 36 + 4 * i; t++) {
        double v = level + trend * t + 5 * Math.sin(2 * Math.PI * t / 4) + rng.nextGaussian();
        out.add(row("s" + i, t, Double.toString(v)));
      }
    }
    for (int t = 0; t < 5; t++) {
      out.add(row("short", t, String.valueOf(t)));
    }
    for (int t = 0; t < 30; t++) {
      out.add(row("constant", t, "3.5"));
      out.add(row("text", t, t == 7 ? "n/a" : String.valueOf(t)));
      out.add(row("twice", t, String.valueOf(t % 5)));
    }
    out.add(row("twice", 12, "99"));
    java.util.Collections.shuffle(out, rng);
    return out;
  }

  private static String[] row(String id, int month, String value) {
    return new String[] {id, LocalDate.of(2000, 1, 1).plusMonths(month).toString(), value};
  }

  private static Dataset<Row> table() {
    var schema =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("series_id", DataTypes.StringType, true),
                DataTypes.createStructField("date", DataTypes.StringType, true),
                DataTypes.createStructField("value", DataTypes.StringType, true)));
    return spark.createDataFrame(
        rows.stream().map(r -> RowFactory.create((Object[]) r)).toList(), schema);
  }

  /**
   * What {@code catalogue --model local} computes in one process for the same series: by default
   * (the refit, the combination with Damped and Theta chosen by the backtest), or with {@code
   * --no-refit --combine none}.
   */
  private static CatalogueResult inProcess(boolean defaults) {
    return inProcess(defaults, "test");
  }

  /** {@link #inProcess(boolean)} on the series read from the input named {@code source}. */
  private static CatalogueResult inProcess(boolean defaults, String source) {
    return inProcess(defaults, defaults, source);
  }

  /** What {@code catalogue --model local} computes with or without the refit and the choice. */
  private static CatalogueResult inProcess(boolean refit, boolean combine, String source) {
    List<SeriesInput> catalogue = TableRows.catalogue(source, rows);
    var setup = new Backtest.Setup(H, true, ORIGINS, 1, new double[] {0.8, 0.95}, refit);
    CatalogueModel local = new LocalModel(TINY.config(), null);
    CatalogueModel model =
        combine
            ? CombinedModel.chosenByBacktest(
                local, List.of(M4Benchmarks.damped(1), M4Benchmarks.theta(1)))
            : local;
    return Backtest.run(catalogue, setup, model, M4Benchmarks.all(1), "naive2", null, null);
  }

  private static void assertSameRows(List<Object[]> expected, List<Object[]> actual) {
    assertEquals(expected.size(), actual.size(), "rows");
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "row " + i);
    }
  }

  @Test
  void manySeriesGiveExactlyWhatTheCatalogueGivesInOneProcess() {
    // the combination is in the expected tables: the network alone, refitted, differs (the
    // refit itself is checked by theEntryPointRefitsEachSeriesOnItsWholeTrainingPart: here the
    // median takes Damped's or Theta's forecast at every step, so the refit does not show)
    assertNotEquals(
        TableRows.forecasts(inProcess(true, false, "test")).stream().map(Arrays::toString).toList(),
        TableRows.forecasts(expected).stream().map(Arrays::toString).toList(),
        "the combination changes the final forecasts");
    // bit for bit: each series' fits are seeded by the settings alone, and the calibration sorts
    // the pooled errors, so neither the partitioning, the order of the series nor a retried task
    // changes a number
    assertSameRows(TableRows.forecasts(expected), TableRows.of(forecastsWritten()));
    assertSameRows(TableRows.metrics(expected), TableRows.of(metricsWritten()));
    // the choice too, to the last bit: the driver adds the series' sums in the order of their ids,
    // as the catalogue (read in id order) adds them
    CombinationChoice c = expected.combination();
    assertEquals("median of local, damped, theta", c.combination());
    assertEquals(c.combination(), choice.combination());
    assertEquals(c.combined(), choice.combined());
    assertEquals(c.scored(), choice.scored());
    assertEquals(3 * ORIGINS, choice.scored());
    assertEquals(c.networkOwa(), choice.networkOwa());
    assertEquals(c.combinedOwa(), choice.combinedOwa());
  }

  @Test
  void badSeriesAreErrorRowsAndTheJobSucceeds() throws IOException {
    Map<String, String> errors =
        TableRows.of(metricsWritten()).stream()
            .filter(m -> "error".equals(m[3]) && m[1] == null)
            .collect(Collectors.toMap(m -> (String) m[0], m -> (String) m[m.length - 1]));
    assertEquals(
        List.of("constant", "short", "text", "twice"), errors.keySet().stream().sorted().toList());
    assertTrue(errors.get("short").startsWith("too short"), errors.get("short"));
    assertTrue(errors.get("constant").startsWith("constant"), errors.get("constant"));
    assertTrue(errors.get("text").contains("'n/a' is not a number"), errors.get("text"));
    assertTrue(
        errors.get("twice").contains("has a second row for 2001-01-01"), errors.get("twice"));
    assertTrue(RunOutput.complete(spark, out));
  }

  /** Fails the first attempt of the task that fits series s1 (the task is then retried). */
  private record FailFirstAttempt(String seriesId) implements PerSeriesJob.FitHook {
    static final AtomicInteger FAILURES = new AtomicInteger();

    @Override
    public void beforeFit(String id) {
      if (id.equals(seriesId) && TaskContext.get().attemptNumber() == 0) {
        FAILURES.incrementAndGet();
        throw new IllegalStateException("injected failure of the task fitting " + id);
      }
    }
  }

  @Test
  void theOutputIsCompleteAfterATaskFailure() throws IOException {
    assertEquals(1, FailFirstAttempt.FAILURES.get(), "the fault was injected once");
    assertTrue(RunOutput.complete(spark, out));
    for (String table : List.of("forecasts", "metrics")) {
      assertTrue(Files.exists(Path.of(out, table, "_SUCCESS")), table);
      assertFalse(Files.exists(Path.of(out, table, "_temporary")), table);
    }
    // every series is in both tables: the retried task's rows are there, once
    assertEquals(TableRows.forecasts(expected).size(), forecastsWritten().count());
    assertEquals(3, forecastsWritten().select("series_id").distinct().count());
    assertEquals(TableRows.metrics(expected).size(), metricsWritten().count());
  }

  @Test
  void theEntryPointWritesCsvAndRefusesAMissingColumnWithExitCode2() throws IOException {
    Path csv = dir.resolve("sales.csv");
    List<String> lines = new ArrayList<>(List.of("series_id,date,value"));
    // one good series and two bad ones
    rows.stream()
        .filter(r -> List.of("s0", "short", "text").contains(r[0]))
        .forEach(r -> lines.add(String.join(",", r)));
    Files.write(csv, lines);
    String out = dir.resolve("cli").toString();
    String[] common = {
      "--input",
      csv.toString(),
      "--horizon",
      "4",
      "--holdout",
      "4",
      "--origins",
      "2",
      "--season",
      "1",
      "--hidden",
      "4",
      "--epochs",
      "4",
      "--ensemble",
      "2",
      "--seed",
      "3",
      "--partitions",
      "2",
      "--quiet"
    };
    var err = new ByteArrayOutputStream();
    var cli = SparkCatalogue.commandLine();
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    int code = cli.execute(concat(common, "--out", out, "--output-format", "csv"));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(Path.of(out, "_SUCCESS")));
    String summary = Files.readString(Path.of(out, "run.json"));
    assertTrue(summary.contains("\"series_failed\":2"), summary);
    // catalogue's defaults, recorded as its metrics.json records them
    assertTrue(summary.contains("\"refit\":true"), summary);
    assertTrue(summary.contains("\"combine\":\"auto\""), summary);
    assertTrue(summary.contains("\"chosen\":"), summary);
    // the part files' rows, each file with its header
    long metrics = 0;
    try (var parts = Files.list(Path.of(out, "metrics"))) {
      for (Path part : parts.filter(f -> f.toString().endsWith(".csv")).toList()) {
        metrics += Files.readAllLines(part).size() - 1;
      }
    }
    assertEquals(
        TableRows.metrics(expected).stream().filter(m -> m[0].equals("s0")).count() + 2, metrics);

    err.reset();
    code = cli.execute(concat(common, "--out", out + "2", "--value-column", "units"));
    String message = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(2, code, message);
    assertFalse(message.contains("\n"), message);
    assertTrue(message.contains("no value column 'units'"), message);

    // only bad series: the tables are written (an error row each), but the run exits 2
    Path bad = dir.resolve("bad.csv");
    List<String> badLines = new ArrayList<>(List.of("series_id,date,value"));
    rows.stream()
        .filter(r -> List.of("short", "text").contains(r[0]))
        .forEach(r -> badLines.add(String.join(",", r)));
    Files.write(bad, badLines);
    err.reset();
    String[] badRun = concat(common, "--out", out + "4", "--output-format", "csv");
    badRun[1] = bad.toString();
    code = cli.execute(badRun);
    message = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(2, code, message);
    assertTrue(message.contains("no series could be forecast"), message);
    assertTrue(Files.readString(Path.of(out + "4", "run.json")).contains("\"series_failed\":2"));

    Path empty = Files.writeString(dir.resolve("empty.csv"), "series_id,date,value\n");
    err.reset();
    code = cli.execute("--input", empty.toString(), "--out", out + "3", "--season", "1");
    assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("empty.csv holds no rows"));
  }

  /** The entry point on every series of {@link #rows} with the tiny forecaster and {@code more}. */
  private static String runEntryPoint(String name, String... more) throws IOException {
    Path csv = dir.resolve(name + ".csv");
    List<String> lines = new ArrayList<>(List.of("series_id,date,value"));
    rows.forEach(r -> lines.add(String.join(",", r)));
    Files.write(csv, lines);
    String out = dir.resolve(name).toString();
    String[] args = {
      "--input",
      csv.toString(),
      "--horizon",
      String.valueOf(H),
      "--season",
      "1",
      "--hidden",
      "4",
      "--epochs",
      "4",
      "--ensemble",
      "2",
      "--seed",
      "3",
      "--partitions",
      "2",
      "--out",
      out,
      "--quiet"
    };
    var err = new ByteArrayOutputStream();
    var cli = SparkCatalogue.commandLine();
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    int code = cli.execute(concat(args, more));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(RunOutput.complete(spark, out));
    return out;
  }

  @Test
  void withoutTheRefitAndTheCombinationTheEntryPointGivesEachNetworkFittedOnce()
      throws IOException {
    String out =
        runEntryPoint(
            "once", "--origins", String.valueOf(ORIGINS), "--no-refit", "--combine", "none");
    String summary = Files.readString(Path.of(out, "run.json"));
    assertTrue(summary.contains("\"refit\":false"), summary);
    assertTrue(summary.contains("\"combine\":\"none\""), summary);
    assertFalse(summary.contains("\"combination\""), summary);
    CatalogueResult once = inProcess(false, "once.csv");
    assertSameRows(
        TableRows.forecasts(once),
        TableRows.of(spark.read().parquet(out + "/forecasts").orderBy("series_id", "step")));
    assertSameRows(
        TableRows.metrics(once),
        TableRows.of(
            spark.read().parquet(out + "/metrics").orderBy("series_id", "method", "origin")));
  }

  @Test
  void theEntryPointRefitsEachSeriesOnItsWholeTrainingPart() throws IOException {
    String out = runEntryPoint("refit", "--origins", String.valueOf(ORIGINS), "--combine", "none");
    assertTrue(Files.readString(Path.of(out, "run.json")).contains("\"refit\":true"));
    CatalogueResult refitted = inProcess(true, false, "refit.csv");
    assertNotEquals(
        TableRows.forecasts(inProcess(false, false, "refit.csv")).stream()
            .map(Arrays::toString)
            .toList(),
        TableRows.forecasts(refitted).stream().map(Arrays::toString).toList(),
        "the refit changes the final forecasts");
    assertSameRows(
        TableRows.forecasts(refitted),
        TableRows.of(spark.read().parquet(out + "/forecasts").orderBy("series_id", "step")));
  }

  @Test
  void withoutOriginsRunJsonSaysNothingWasRefitted() throws IOException {
    // --refit is the default, but without origins the one fit sees the whole training part
    String out = runEntryPoint("no-origins", "--origins", "0", "--combine", "none");
    String summary = Files.readString(Path.of(out, "run.json"));
    assertTrue(summary.contains("\"refit\":false"), summary);
    assertTrue(summary.contains("\"origins\":0"), summary);
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
