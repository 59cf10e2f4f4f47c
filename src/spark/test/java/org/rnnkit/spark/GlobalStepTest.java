package org.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.data.CatalogueSeries;
import org.rnnkit.forecast.catalogue.Backtest;
import org.rnnkit.forecast.catalogue.CatalogueModel;
import org.rnnkit.forecast.catalogue.CatalogueResult;
import org.rnnkit.forecast.catalogue.CatalogueTables;
import org.rnnkit.forecast.catalogue.CombinationChoice;
import org.rnnkit.forecast.catalogue.CombinedModel;
import org.rnnkit.forecast.catalogue.GlobalConfig;
import org.rnnkit.forecast.catalogue.GlobalForecaster;
import org.rnnkit.forecast.catalogue.SeriesBacktest;
import org.rnnkit.forecast.catalogue.SeriesInput;
import org.rnnkit.forecast.m4.M4Benchmarks;
import org.rnnkit.nn.cell.CellType;

/**
 * {@code --model global} on Spark: the entry point's tables, in local mode, equal {@code catalogue
 * --model global}'s in one process (the same backtest, intervals and scores) on a tiny catalogue of
 * five good series and one too short, up to summation order (numbers to 1e-9 relative, text
 * exactly): by default with the refit and the combination chosen by the backtest (the choice in
 * run.json too), and with {@code --no-refit --combine none} the network fitted once.
 */
class GlobalStepTest {
  private static final int H = 3;
  private static final int ORIGINS = 1;

  /** What {@code --hidden 4 --epochs 2 --ensemble 1 --seed 3} give the global model. */
  private static final GlobalConfig TINY =
      GlobalConfig.defaults().toBuilder()
          .cell(CellType.GRU)
          .hidden(4)
          .epochs(2)
          .ensemble(1)
          .seed(3)
          .build();

  private static JavaSparkContext context;
  private static SparkSession spark;
  private static List<String[]> rows;

  @BeforeAll
  static void start() {
    context = SharedSpark.context();
    spark = SparkSession.builder().sparkContext(context.sc()).getOrCreate();
    // tiny tables: interpreting the plans costs less than compiling them (Janino)
    spark.conf().set("spark.sql.codegen.wholeStage", "false");
    spark.conf().set("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    rows = catalogueRows();
  }

  private static List<String[]> catalogueRows() {
    Random rng = new Random(8);
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      double level = 50 + 100 * rng.nextDouble();
      double trend = rng.nextGaussian();
      for (int t = 0; t < 30 + 5 * i; t++) {
        double v = level + trend * t + 5 * Math.sin(2 * Math.PI * t / 4) + rng.nextGaussian();
        out.add(row("s" + i, t, Double.toString(v)));
      }
    }
    for (int t = 0; t < 5; t++) {
      out.add(row("short", t, String.valueOf(10 + t)));
    }
    java.util.Collections.shuffle(out, rng);
    return out;
  }

  private static String[] row(String id, int month, String value) {
    return new String[] {id, LocalDate.of(2000, 1, 1).plusMonths(month).toString(), value};
  }

  /**
   * What {@code catalogue --model global} computes in one process for the same series: by default
   * (refit, the combination with Damped and Theta chosen by the backtest), or with {@code
   * --no-refit --combine none}.
   */
  private static CatalogueResult inProcess(boolean defaults) {
    return inProcess(defaults, TINY);
  }

  private static CatalogueResult inProcess(boolean defaults, GlobalConfig config) {
    List<SeriesInput> catalogue = TableRows.catalogue(rows);
    var setup = new Backtest.Setup(H, true, ORIGINS, 1, new double[] {0.8, 0.95}, defaults);
    CatalogueModel model =
        defaults
            ? CombinedModel.chosenByBacktest(
                new GlobalForecaster(config),
                List.of(M4Benchmarks.damped(1), M4Benchmarks.theta(1)))
            : new GlobalForecaster(config);
    return Backtest.run(catalogue, setup, model, M4Benchmarks.all(1), "naive2", null, null);
  }

  /** Runs the entry point on {@link #rows} with the tiny network and {@code more} arguments. */
  private static String runSpark(Path dir, String... more) throws IOException {
    Path csv = dir.resolve("sales.csv");
    List<String> lines = new ArrayList<>(List.of("series_id,date,value"));
    rows.forEach(r -> lines.add(String.join(",", r)));
    Files.write(csv, lines);
    String out = dir.resolve("out").toString();
    var err = new ByteArrayOutputStream();
    var cli = SparkCatalogue.commandLine();
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input",
                csv.toString(),
                "--model",
                "global",
                "--horizon",
                "3",
                "--origins",
                "1",
                "--season",
                "1",
                "--hidden",
                "4",
                "--epochs",
                "2",
                "--ensemble",
                "1",
                "--seed",
                "3",
                "--partitions",
                "3",
                "--out",
                out,
                "--quiet"));
    args.addAll(List.of(more));
    int code = cli.execute(args.toArray(String[]::new));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(Path.of(out, "_SUCCESS")));
    // the series the step cached are released once its fits are computed
    List<String> left =
        context.getPersistentRDDs().values().stream()
            .map(r -> String.valueOf(r.name()))
            .filter(name -> name.startsWith(GlobalStep.CACHED))
            .toList();
    assertEquals(List.of(), left);
    return out;
  }

  private static void assertSameTables(CatalogueResult expected, String out) {
    assertEquals("global", CatalogueTables.of(expected).network());
    assertSameRows(
        TableRows.forecasts(expected),
        TableRows.of(spark.read().parquet(out + "/forecasts").orderBy("series_id", "step")));
    assertSameRows(
        TableRows.metrics(expected),
        TableRows.of(
            spark.read().parquet(out + "/metrics").orderBy("series_id", "method", "origin")));
  }

  /** Text and missing cells exactly, numbers to 1e-9 relative (summation order). */
  private static void assertSameRows(List<Object[]> expected, List<Object[]> actual) {
    assertEquals(expected.size(), actual.size(), "rows");
    for (int i = 0; i < expected.size(); i++) {
      Object[] e = expected.get(i);
      Object[] a = actual.get(i);
      assertEquals(e.length, a.length);
      for (int c = 0; c < e.length; c++) {
        if (e[c] instanceof Double x && a[c] instanceof Double y) {
          assertEquals(x, y, 1e-9 * Math.max(1, Math.abs(x)), "row " + i + ", column " + c);
        } else {
          assertEquals(e[c], a[c], "row " + i + ", column " + c);
        }
      }
    }
  }

  @Test
  void theEntryPointsGlobalModelGivesWhatTheCatalogueCommandGivesInOneProcess(@TempDir Path dir)
      throws IOException {
    String out = runSpark(dir);
    String summary = Files.readString(Path.of(out, "run.json"));
    assertTrue(summary.contains("\"model\":\"global\""), summary);
    assertTrue(summary.contains("\"series_failed\":1"), summary);
    assertTrue(summary.contains("\"refit\":true"), summary);
    assertTrue(summary.contains("\"loss\":\"mae\""), summary);

    CatalogueResult expected = inProcess(true);
    // the refit and the choice are in the expected tables: without them they differ
    assertTrue(
        TableRows.forecasts(expected).stream()
            .map(java.util.Arrays::toString)
            .noneMatch(
                TableRows.forecasts(inProcess(false)).stream()
                        .map(java.util.Arrays::toString)
                        .toList()
                    ::contains),
        "the refit changes every final forecast");
    assertSameTables(expected, out);
    JsonNode choice = new ObjectMapper().readTree(summary).get("combination");
    CombinationChoice c = expected.combination();
    assertEquals(c.summary().get("chosen"), choice.get("chosen").asText());
    assertEquals(c.scored(), choice.get("forecasts_compared").asInt());
    assertEquals(c.combinedOwa(), choice.get("backtest_owa_combined").asDouble(), 1e-9);
    assertEquals(c.networkOwa(), choice.get("backtest_owa_network_alone").asDouble(), 1e-9);
  }

  @Test
  void withoutTheRefitAndTheCombinationItGivesTheNetworkFittedOnce(@TempDir Path dir)
      throws IOException {
    // with another loss than the default, so that a loss lost on the way to the executors shows
    String out = runSpark(dir, "--no-refit", "--combine", "none", "--loss", "huber");
    String summary = Files.readString(Path.of(out, "run.json"));
    assertTrue(summary.contains("\"refit\":false"), summary);
    assertTrue(summary.contains("\"loss\":\"huber\""), summary);
    assertFalse(summary.contains("\"combination\""), summary);
    CatalogueResult huber =
        inProcess(false, TINY.toBuilder().loss(GlobalConfig.TrainingLoss.HUBER).build());
    assertNotEquals(
        TableRows.forecasts(inProcess(false)).stream().map(java.util.Arrays::toString).toList(),
        TableRows.forecasts(huber).stream().map(java.util.Arrays::toString).toList(),
        "the loss changes the forecasts");
    assertSameTables(huber, out);
  }

  /** A network that forecasts the values that follow each origin: it cannot be beaten. */
  private static final class Oracle implements PerSeriesJob.NetworkStep {
    @Override
    public String name() {
      return "global";
    }

    @Override
    public JavaRDD<PerSeriesJob.Fitted> fit(
        JavaRDD<CatalogueSeries> series, Backtest.Setup setup, int partitions) {
      int h = setup.horizon();
      int origins = setup.origins();
      int season = setup.season();
      return series.map(
          s -> {
            var mine = new Backtest.Setup(h, true, origins, season, new double[] {0.8, 0.95});
            String problem = s.usable() ? Backtest.problem(s.toTimeSeries(), mine) : s.problem();
            if (problem != null) {
              return new PerSeriesJob.Fitted(
                  s, new SeriesBacktest.Fit(s.id(), problem, null, null));
            }
            double[][] f = new double[origins + 1][];
            for (int k = 0; k <= origins; k++) {
              int end = Backtest.history(s.values(), mine, k).length;
              f[k] = java.util.Arrays.copyOfRange(s.values(), end, end + h);
            }
            return new PerSeriesJob.Fitted(s, new SeriesBacktest.Fit(s.id(), null, null, f));
          });
    }
  }

  @Test
  void aNetworkThatBeatsTheCombinationAtTheOriginsMakesEveryForecastAlone(@TempDir Path dir)
      throws IOException {
    Path csv = dir.resolve("sales.csv");
    List<String> lines = new ArrayList<>(List.of("series_id,date,value"));
    rows.forEach(r -> lines.add(String.join(",", r)));
    Files.write(csv, lines);
    var settings =
        new PerSeriesJob.Settings(
            LongTableRows.Columns.defaults(),
            1,
            H,
            true,
            ORIGINS,
            false,
            PerSeriesJob.LocalSettings.defaults(),
            3);
    for (boolean chosen : new boolean[] {true, false}) {
      try (PerSeriesJob.Result r =
          PerSeriesJob.runWith(
              spark,
              LongTableRows.read(spark, csv.toString(), "csv"),
              "sales.csv",
              settings,
              new Oracle(),
              new PerSeriesJob.Combination(List.of("damped", "theta"), chosen),
              null)) {
        List<String> columns = List.of(r.forecasts().columns());
        int actual = columns.indexOf("actual");
        int network = columns.indexOf("global");
        List<Object[]> forecasts = TableRows.of(r.forecasts());
        assertEquals(5 * H, forecasts.size());
        long exact = forecasts.stream().filter(f -> f[actual].equals(f[network])).count();
        if (chosen) {
          // the backtest keeps the network alone: its forecasts, not the median's, everywhere
          assertFalse(r.combination().combined(), r.combination().describe());
          assertEquals(0.0, r.combination().networkOwa());
          assertEquals(5 * ORIGINS, r.combination().scored());
          assertEquals(forecasts.size(), exact);
        } else {
          // always combined: the median with damped and theta replaces the perfect forecasts
          assertNull(r.combination());
          assertTrue(exact < forecasts.size(), "combined forecasts are not all exact");
        }
      }
    }
  }
}
