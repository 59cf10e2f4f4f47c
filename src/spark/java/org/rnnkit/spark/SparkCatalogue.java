package org.rnnkit.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.rnnkit.cli.BacktestOptions;
import org.rnnkit.cli.LossOption;
import org.rnnkit.cli.RnnKit;
import org.rnnkit.cli.UserError;
import org.rnnkit.forecast.catalogue.GlobalConfig;
import org.rnnkit.forecast.m4.M4Benchmarks;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.train.EpochLogger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} entry point: forecasts a catalogue in long format on a Spark cluster and
 * writes the forecasts and metrics tables ({@link RunOutput}). Exit codes as the {@code rnnkit}
 * command line's: 0 done, 2 a user error (one line on standard error), 1 a bug (stack trace).
 *
 * <pre>
 *   spark-submit --master local[2] --class org.rnnkit.spark.SparkCatalogue target/rnnkit-spark.jar \
 *       --input sales.parquet --out forecasts-run
 * </pre>
 */
@Command(
    name = "rnnkit-spark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Forecast every series of a catalogue on a Spark cluster: a long table (series_id, date,"
          + " value) in CSV or Parquet, grouped by series; each series forecast on the executors"
          + " with the per-series forecaster of `rnnkit catalogue --model local`, backtested at"
          + " rolling origins, refitted and combined as catalogue's, with 80% and 95% intervals"
          + " calibrated on the backtest errors of all series, beside M4's benchmarks; or with"
          + " --model global one network for all series trained data-parallel, refitted and"
          + " combined as catalogue --model global.",
      "Writes OUT/forecasts and OUT/metrics (Parquet or CSV), OUT/run.json and, last, OUT/_SUCCESS."
          + " A series that cannot be forecast is an error row in OUT/metrics; the job goes on."
    })
public final class SparkCatalogue implements Callable<Integer> {

  @Option(
      names = "--input",
      paramLabel = "PATH",
      required = true,
      description =
          "the long table: a CSV file or folder (with a header) or Parquet, on any file system"
              + " Spark reads (file:, hdfs:, s3a:)")
  String input;

  @Option(
      names = "--format",
      paramLabel = "F",
      description = "csv or parquet (default: parquet unless the path ends in .csv)")
  String format;

  @Option(
      names = "--id-column",
      paramLabel = "NAME",
      defaultValue = "series_id",
      description = "the series id column (default: ${DEFAULT-VALUE})")
  String idColumn;

  @Option(
      names = "--date-column",
      paramLabel = "NAME",
      defaultValue = "date",
      description =
          "the date column: dates, timestamps (their hour kept, in spark.sql.session.timeZone),"
              + " or text like 1960, 1960-Q3,"
              + " 1960-07, 1960-07-15, 1960-07-15 13:00 (default: ${DEFAULT-VALUE})")
  String dateColumn;

  @Option(
      names = "--value-column",
      paramLabel = "NAME",
      defaultValue = "value",
      description = "the value column (default: ${DEFAULT-VALUE})")
  String valueColumn;

  @Mixin BacktestOptions backtest = new BacktestOptions();

  @Option(
      names = "--model",
      paramLabel = "KIND",
      defaultValue = "local",
      description =
          "local: the forecast command's networks fitted to each series on the executors, refitted"
              + " and combined as catalogue --model local;"
              + " global: catalogue --model global's networks, each one network for all series,"
              + " trained data-parallel (every step's gradient summed over the executors, the"
              + " update on the driver) and forecasting where the series are, refitted and"
              + " combined as catalogue --model global (default: ${DEFAULT-VALUE})")
  String model;

  @Option(
      names = "--combine",
      paramLabel = "METHODS",
      description =
          "M4 benchmarks whose forecasts are combined with the network's, step by step,"
              + " by the median (each refitted on the same history); none for the"
              + " network alone; auto for the median with damped and theta or the network alone,"
              + " whichever has the lower OWA at the backtest origins (the median without"
              + " origins), as catalogue's (default: auto)")
  String combine;

  @Option(
      names = "--refit",
      negatable = true,
      description =
          "after the backtest, fit the network again on each series' whole training part for the"
              + " final forecast (each series' networks on its own with --model local,"
              + " data-parallel with --model global; --no-refit: one fit, before the backtest"
              + " origins, for everything; about half the time), as catalogue's (default: on)")
  Boolean refit;

  @Option(
      names = "--cell",
      paramLabel = "CELL",
      defaultValue = "gru",
      description = "rnn, rnn_relu, lstm or gru (default: ${DEFAULT-VALUE})")
  String cell;

  @Option(
      names = "--hidden",
      paramLabel = "N",
      description = "hidden size (default: the forecast command's, or catalogue --model global's)")
  Integer hidden;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description =
          "most epochs per network (default: the forecast command's, or catalogue --model global's)")
  Integer epochs;

  @Option(
      names = "--ensemble",
      paramLabel = "N",
      description =
          "networks per series (per catalogue with --model global), median forecast (default: the"
              + " forecast command's, or catalogue --model global's)")
  Integer ensemble;

  @Mixin LossOption loss = new LossOption();

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "0",
      description = "parts the series are split into (default: 4 per executor core)")
  int partitions;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "output folder: new, empty or an earlier run's")
  String out;

  @Option(
      names = "--output-format",
      paramLabel = "F",
      defaultValue = "parquet",
      description = "parquet or csv (default: ${DEFAULT-VALUE})")
  String outputFormat;

  @Option(names = "--quiet", description = "no progress lines; only errors")
  boolean quiet;

  /** Runs the command line and exits with its code (spark-submit's main class). */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests. */
  public static CommandLine commandLine() {
    return RnnKit.withExitCodes(new CommandLine(new SparkCatalogue()));
  }

  @Override
  public Integer call() throws IOException {
    String inputFormat = choice("--format", format == null ? guessFormat(input) : format);
    String writeFormat = choice("--output-format", outputFormat);
    backtest.season(); // refuses a season below 1 before Spark starts
    Integer horizon = backtest.horizon();
    Integer holdout = backtest.holdout();
    int origins = backtest.origins();
    if ((horizon != null && horizon < 1) || origins < 0 || partitions < 0) {
      throw new UserError(
          "--horizon must be at least 1 and --origins and --partitions 0 or more, got %s, %d, %d"
              .formatted(horizon, origins, partitions));
    }
    if (holdout != null && holdout != 0 && !holdout.equals(horizon)) {
      throw new UserError(
          "--holdout must be 0 or the horizon (give --horizon with it), got " + holdout);
    }
    var local =
        new PerSeriesJob.LocalSettings(
            cell.toLowerCase(Locale.ROOT), hidden, epochs, ensemble, seed);
    UserError.whenInvalid(local::config);
    if (!model.equalsIgnoreCase("local") && !model.equalsIgnoreCase("global")) {
      throw new UserError("--model must be local or global, got '" + model + "'");
    }
    combination(); // refuses a bad --combine before Spark starts
    if (model.equalsIgnoreCase("global")) {
      globalConfig(); // refuses a bad --loss or size before Spark starts
    } else {
      loss.refuseForLocalModel();
    }
    // spark-submit's settings (master, memory) reach the session through its configuration; a
    // session already running in this JVM (a test's) is used and left running
    boolean running = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSession.builder().appName("rnnkit-catalogue").getOrCreate();
    try {
      return run(spark, local, inputFormat, writeFormat);
    } finally {
      if (!running) {
        spark.stop();
      }
    }
  }

  private int run(
      SparkSession spark, PerSeriesJob.LocalSettings local, String inputFormat, String writeFormat)
      throws IOException {
    Path path = new Path(input);
    if (!path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
      throw new UserError(
          "cannot read " + input + ": no such file or folder; check the --input path");
    }
    PerSeriesJob.Combination combination = combination();
    try {
      RunOutput.check(spark, out);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    var settings =
        new PerSeriesJob.Settings(
            new LongTableRows.Columns(idColumn, dateColumn, valueColumn),
            backtest.season() == null ? 0 : backtest.season(),
            backtest.horizon() == null ? 0 : backtest.horizon(),
            backtest.holdout() == null || backtest.holdout() > 0,
            backtest.origins(),
            refit == null || refit,
            local,
            partitions);
    Dataset<Row> table = LongTableRows.read(spark, input, inputFormat);
    String source = path.getName();
    // the job's IllegalArgumentException names what the user must change (a column, a season)
    PerSeriesJob.Result r =
        UserError.whenInvalid(() -> job(spark, table, source, settings, combination));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("input", input);
    summary.put("model", model);
    summary.put("series", r.series());
    summary.put("series_failed", r.failed());
    summary.put("horizon", r.horizon());
    summary.put("season", r.season());
    summary.put("holdout", settings.holdout());
    summary.put("origins", backtest.origins());
    summary.put("intervals_calibrated", r.intervals() == null ? null : r.intervals().calibrated());
    summary.put("errors_per_step", r.intervals() == null ? null : r.intervals().errorsPerStep());
    // whether a refit was made: none without backtest origins, whatever --refit says
    summary.put("refit", r.refitted());
    summary.put("combine", combine == null ? "auto" : combine);
    if (model.equalsIgnoreCase("global")) {
      summary.put("loss", loss.value().toString());
    }
    if (r.combination() != null) {
      summary.put("combination", r.combination().summary());
    }
    summary.put("forecaster", Map.of("cell", cell, "seed", seed));
    // the network's fits and forecasts, not the combination's methods: as catalogue's fit_seconds
    summary.put("fit_seconds", r.fitSeconds());
    summary.put("fit_series_per_second", r.series() / r.fitSeconds());
    try (r) {
      RunOutput.write(spark, out, writeFormat, r.forecasts(), r.metrics(), summary);
    }
    if (r.series() > 0 && r.failed() == r.series()) {
      throw new UserError(
          "no series could be forecast (%d, each with an error row in %s/metrics saying why)"
              .formatted(r.series(), out));
    }
    if (!quiet) {
      System.out.printf(
          Locale.ROOT,
          "%d series, %d forecast (%d error rows in %s/metrics); horizon %d, season %d; fitted in"
              + " %.1f s (%.2f series/s); wrote %s%n",
          r.series(),
          r.series() - r.failed(),
          r.failed(),
          out,
          r.horizon(),
          r.season(),
          r.fitSeconds(),
          r.series() / r.fitSeconds(),
          out);
    }
    return 0;
  }

  private PerSeriesJob.Result job(
      SparkSession spark,
      Dataset<Row> table,
      String source,
      PerSeriesJob.Settings settings,
      PerSeriesJob.Combination combination) {
    return switch (model.toLowerCase(Locale.ROOT)) {
      case "local" ->
          PerSeriesJob.run(
              spark, table, source, settings, combination, null, quiet ? null : System.err);
      case "global" ->
          PerSeriesJob.runWith(
              spark,
              table,
              source,
              settings,
              new GlobalStep(
                  JavaSparkContext.fromSparkContext(spark.sparkContext()),
                  globalConfig(),
                  quiet ? null : EpochLogger.to(System.err)),
              combination,
              quiet ? null : System.err);
      default -> throw new UserError("--model must be local or global, got '" + model + "'");
    };
  }

  /** catalogue --model global's settings with this command's cell, seed, sizes and loss. */
  private GlobalConfig globalConfig() {
    return UserError.whenInvalid(
        () ->
            GlobalConfig.defaults().toBuilder()
                .cell(CellType.parse(cell))
                .sizes(hidden, epochs, ensemble)
                .loss(loss.value())
                .seed(seed)
                .build());
  }

  /** The benchmarks --combine names (Damped and Theta for auto), or null for none. */
  private PerSeriesJob.Combination combination() {
    String given = combine == null ? "auto" : combine.trim();
    if (given.equalsIgnoreCase("none")) {
      return null;
    }
    boolean auto = given.equalsIgnoreCase("auto");
    List<String> names = new ArrayList<>();
    for (String name : (auto ? "damped,theta" : given).split(",")) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      if (!M4Benchmarks.NAMES.contains(n)) {
        throw new UserError(
            "--combine takes auto, none, or benchmarks out of %s separated by commas; got '%s'"
                .formatted(String.join(",", M4Benchmarks.NAMES), name));
      }
      names.add(n);
    }
    return new PerSeriesJob.Combination(names, auto);
  }

  private static String guessFormat(String path) {
    return path.toLowerCase(Locale.ROOT).replaceAll("/+$", "").endsWith(".csv") ? "csv" : "parquet";
  }

  private static String choice(String option, String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (!v.equals("csv") && !v.equals("parquet")) {
      throw new UserError(option + " must be csv or parquet, got '" + value + "'");
    }
    return v;
  }
}
