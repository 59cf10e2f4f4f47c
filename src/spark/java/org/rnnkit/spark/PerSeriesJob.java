package org.rnnkit.spark;

import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.rnnkit.data.Catalogue;
import org.rnnkit.data.CatalogueSeries;
import org.rnnkit.data.Frequency;
import org.rnnkit.forecast.ForecastConfig;
import org.rnnkit.forecast.Forecaster;
import org.rnnkit.forecast.catalogue.Backtest;
import org.rnnkit.forecast.catalogue.CatalogueModel;
import org.rnnkit.forecast.catalogue.CatalogueTables;
import org.rnnkit.forecast.catalogue.CombinationChoice;
import org.rnnkit.forecast.catalogue.CombinedModel;
import org.rnnkit.forecast.catalogue.ConformalIntervals;
import org.rnnkit.forecast.catalogue.LocalModel;
import org.rnnkit.forecast.catalogue.SeriesBacktest;
import org.rnnkit.forecast.catalogue.SeriesInput;
import org.rnnkit.forecast.catalogue.SeriesResult;
import org.rnnkit.forecast.m4.M4Benchmarks;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.train.TrainingListener;
import scala.Tuple2;

/**
 * Forecasts every series of a catalogue on the executors, each with the per-series forecaster of
 * {@code rnnkit catalogue --model local} ({@link LocalModel}), under the same protocol ({@link
 * Backtest}: a test part, K backtest origins, M4's benchmarks refitted per origin, 80% and 95%
 * intervals by split conformal prediction). The job is {@link SeriesBacktest}'s three steps:
 *
 * <ol>
 *   <li>rows grouped by series id ({@code groupByKey}), each group read into a series ({@link
 *       CatalogueSeries#fromRows}); the frequencies counted to fix the season and horizon as the
 *       {@code catalogue} command does;
 *   <li>each series fitted alone and forecast from every origin and, with the refit ({@link
 *       Settings#refit()}), fitted again on its whole training part for the final forecast (the
 *       costly map; kept with {@code MEMORY_AND_DISK}, so it runs once); with a {@link
 *       Combination}, each series' forecasts combined where it is, and the choice between the
 *       combination and the network alone made on the driver from the series' sums ({@link
 *       CombinationChoice.Sums}); the scaled backtest errors of the forecasts kept, {@code 8 K H}
 *       bytes per series, collected on the driver, which calibrates the intervals (split conformal
 *       pools every series' errors: the one step that sees the whole catalogue) and broadcasts
 *       them;
 *   <li>each series scored (baselines, intervals, metrics) into the rows of {@link
 *       CatalogueTables}.
 * </ol>
 *
 * With {@code GlobalStep} as step 1's network ({@code runWith}), one global model is trained on
 * every series data-parallel instead, and steps 2 and 3 are the same.
 *
 * <p>A series that cannot be read (a bad date, a non-numeric or missing value, a repeated date, a
 * gap), is too short or constant, or whose fit throws, becomes an error row of the metrics table;
 * the job goes on. The results equal {@code Backtest.run} over the same catalogue with a {@link
 * LocalModel} under the same setup, combined as the {@code catalogue} command combines it (tested,
 * with the refit and the combination chosen by the backtest, and without either): each series' fits
 * are seeded by the configuration alone, not by where they run.
 */
public final class PerSeriesJob {
  private PerSeriesJob() {}

  /** The interval levels, as the {@code catalogue} command's. */
  private static final double[] LEVELS = {0.8, 0.95};

  /**
   * What to run.
   *
   * @param columns the input's column names
   * @param season m, or 0 for the one the series' common frequency implies
   * @param horizon H, or 0 for M4's for the frequency
   * @param holdout whether the last H values of each series are its test part
   * @param origins K, backtest origins (0: no intervals)
   * @param refit whether, with origins, the network is fitted a second time on each series' whole
   *     training part for the final forecast ({@link Backtest.Setup#refit()}; {@code catalogue}'s
   *     default)
   * @param forecaster the per-series forecaster's settings
   * @param partitions how many parts the series are grouped into, or 0 for four per core
   */
  public record Settings(
      LongTableRows.Columns columns,
      int season,
      int horizon,
      boolean holdout,
      int origins,
      boolean refit,
      LocalSettings forecaster,
      int partitions)
      implements Serializable {}

  /**
   * The per-series forecaster's settings: null for the {@code forecast} command's default (as
   * {@code catalogue --model local} uses it).
   *
   * @param cell rnn, rnn_relu, lstm or gru
   * @param hidden hidden size, or null
   * @param epochs most epochs per network, or null
   * @param ensemble networks per series, or null
   * @param seed the first network's seed
   */
  public record LocalSettings(
      String cell, Integer hidden, Integer epochs, Integer ensemble, long seed)
      implements Serializable {

    /** The {@code forecast} command's defaults with seed 42, as {@code catalogue --model local}. */
    public static LocalSettings defaults() {
      return new LocalSettings("gru", null, null, null, 42);
    }

    /** The forecaster's configuration. */
    public ForecastConfig config() {
      return ForecastConfig.builder()
          .cell(CellType.parse(cell))
          .sizes(hidden, epochs, ensemble)
          .seed(seed)
          .build();
    }
  }

  /**
   * Called on the executor before each series is fitted (tests inject task failures here).
   * Exceptions it throws fail the task, which Spark retries.
   */
  public interface FitHook extends Serializable {
    void beforeFit(String seriesId);
  }

  /**
   * What the job produced.
   *
   * @param forecasts {@link CatalogueTables#forecastColumns()}: one row per series and step, sorted
   *     by series id and step
   * @param metrics {@link CatalogueTables#metricColumns()}: per series, method and origin, and the
   *     error rows, sorted by series id, method and origin (nulls first)
   * @param season the season used
   * @param horizon the horizon used
   * @param series how many series the input held
   * @param failed how many of them were not forecast (an error row each)
   * @param intervals the calibration, or null (no origins, or no series forecast)
   * @param refitted whether the network was fitted a second time ({@link Backtest.Setup#refits()}:
   *     asked for, and with backtest origins)
   * @param fitSeconds wall time of the network's part of step 1: its fits and forecasts from every
   *     origin, not the combination's methods (as {@link
   *     org.rnnkit.forecast.catalogue.CatalogueResult#fitSeconds()} in one process)
   * @param combination the backtest's choice between the network alone and its combination ({@link
   *     Combination#chosenByBacktest()}), or null when nothing was chosen
   * @param cached what the job keeps cached for the two tables; {@link #close} releases it once
   *     they are written
   */
  public record Result(
      Dataset<Row> forecasts,
      Dataset<Row> metrics,
      int season,
      int horizon,
      long series,
      long failed,
      ConformalIntervals intervals,
      boolean refitted,
      double fitSeconds,
      CombinationChoice combination,
      List<JavaRDD<?>> cached)
      implements AutoCloseable {

    /** Releases the job's cached fits and rows (the tables cannot be computed again after). */
    @Override
    public void close() {
      cached.forEach(rdd -> rdd.unpersist(false));
    }
  }

  /** {@link Backtest.Setup}'s fields, shipped to the executors (the setup is not serializable). */
  record Protocol(int horizon, boolean holdout, int origins, int season, boolean refit)
      implements Serializable {
    static Protocol of(Backtest.Setup s) {
      return new Protocol(s.horizon(), s.holdout(), s.origins(), s.season(), s.refit());
    }

    Backtest.Setup setup() {
      return new Backtest.Setup(horizon, holdout, origins, season, LEVELS, refit);
    }
  }

  /**
   * M4 benchmarks whose forecasts are combined with the network's by the median, step by step
   * ({@link CombinedModel}), each refitted on the history the network forecast from.
   *
   * @param methods the benchmarks' names ({@link M4Benchmarks#NAMES}), at least one
   * @param chosenByBacktest whether the backtest chooses between the combination and the network
   *     alone ({@link CombinedModel#chosenByBacktest}, {@code --combine auto}); else the
   *     combination makes every forecast
   */
  public record Combination(List<String> methods, boolean chosenByBacktest)
      implements Serializable {
    public Combination {
      methods = List.copyOf(methods);
      if (methods.isEmpty()) {
        throw new IllegalArgumentException("a combination needs at least one method");
      }
    }

    /**
     * The combination of the network named {@code network} (only its name is used: the network is
     * fitted on the cluster) with the methods for {@code season}.
     */
    CombinedModel model(String network, int season) {
      List<Forecaster> all = M4Benchmarks.all(season);
      List<Forecaster> mine = new ArrayList<>();
      for (String name : methods) {
        mine.add(
            all.stream()
                .filter(b -> b.name().equals(name))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "no benchmark named %s; the benchmarks are %s"
                                .formatted(name, M4Benchmarks.NAMES))));
      }
      CatalogueModel named = new Named(network);
      return chosenByBacktest
          ? CombinedModel.chosenByBacktest(named, mine)
          : new CombinedModel(named, mine, CombinedModel.Rule.MEDIAN);
    }
  }

  /** The network as a combination's inner model: its name only; fitted elsewhere. */
  private record Named(String name) implements CatalogueModel {
    @Override
    public Fitted fit(List<double[]> training, int season, int horizon, TrainingListener progress) {
      throw new UnsupportedOperationException("the network is fitted on the cluster, not here");
    }
  }

  /**
   * A series with the network alone's forecasts and the combination's, and its share of the choice
   * between them.
   */
  private record Both(Fitted alone, Fitted combined, CombinationChoice.Sums sums)
      implements Serializable {}

  /** A series as read and after fitting. */
  record Fitted(CatalogueSeries series, SeriesBacktest.Fit fit) implements Serializable {}

  /** A series' rows of both tables. */
  private record Rows(List<Object[]> forecasts, List<Object[]> metrics) implements Serializable {}

  /**
   * Runs the job up to the two tables (computed and kept; writing them is the caller's).
   *
   * @param table the long table
   * @param source the input's name, for messages
   * @param combination the methods combined with each series' network, or null for the network
   *     alone (as {@link #runWith})
   * @param hook called before each fit; may be null
   * @param progress receives a line per finished fitting task; may be null
   * @throws IllegalArgumentException for what the user must change: a missing column, several
   *     frequencies without a season, a bad horizon or origin count
   */
  public static Result run(
      SparkSession spark,
      Dataset<Row> table,
      String source,
      Settings settings,
      Combination combination,
      FitHook hook,
      PrintStream progress) {
    return runWith(
        spark,
        table,
        source,
        settings,
        localStep(settings.forecaster(), hook),
        combination,
        progress);
  }

  /**
   * Step 1, the network's part: each series' fit and its forecasts from every origin. The network
   * is fitted to each series alone ({@link #localStep}) or once to them all ({@link GlobalStep}).
   */
  interface NetworkStep {
    /** The method's name in the tables ({@code local}, {@code global}). */
    String name();

    /**
     * Every series of {@code series}, fitted or with the reason it is not.
     *
     * @param series the series as read (some with a problem)
     */
    JavaRDD<Fitted> fit(JavaRDD<CatalogueSeries> series, Backtest.Setup setup, int partitions);
  }

  /** Each series fitted alone on the executors, with {@code hook} called before each fit. */
  static NetworkStep localStep(LocalSettings local, FitHook hook) {
    local.config(); // refuses bad sizes or a bad cell before any work starts
    return new NetworkStep() {
      @Override
      public String name() {
        return "local";
      }

      @Override
      public JavaRDD<Fitted> fit(
          JavaRDD<CatalogueSeries> series, Backtest.Setup setup, int partitions) {
        Protocol protocol = Protocol.of(setup);
        return series.map(
            s -> {
              if (hook != null) {
                hook.beforeFit(s.id());
              }
              return new Fitted(s, PerSeriesJob.fit(s, protocol.setup(), local));
            });
      }
    };
  }

  /**
   * {@link #run(SparkSession, Dataset, String, Settings, Combination, FitHook, PrintStream)} with
   * the network's part of step 1 given; the forecaster settings of {@code settings} are then
   * unused. With a {@code combination}, step 1 ends as {@link Backtest#run} with a {@link
   * CombinedModel}: each series' combined forecasts are computed where it is; chosen by the
   * backtest, the six sums of the choice ({@link CombinationChoice.Sums}) are reduced to the
   * driver, which chooses; the forecasts chosen (or, not chosen by the backtest, the combination's)
   * then make every forecast, the calibration's included.
   *
   * @param combination the methods combined with the network, or null for the network alone
   */
  static Result runWith(
      SparkSession spark,
      Dataset<Row> table,
      String source,
      Settings settings,
      NetworkStep network,
      Combination combination,
      PrintStream progress) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions =
        settings.partitions() > 0 ? settings.partitions() : 4 * context.defaultParallelism();
    JavaPairRDD<String, String[]> rows = LongTableRows.keyed(table, settings.columns());
    JavaRDD<CatalogueSeries> series =
        rows.groupByKey(partitions)
            .map(group -> read(source, group._1(), group._2()))
            .persist(StorageLevel.MEMORY_AND_DISK());

    // the season and horizon, from the frequencies as the catalogue command finds them
    List<Catalogue.FrequencyGroup> groups = frequencies(series);
    if (groups.isEmpty() && series.isEmpty()) {
      throw new IllegalArgumentException(
          source + " holds no rows; give a long table with at least one series");
    }
    Frequency common = Catalogue.commonFrequency(source, groups, Math.max(0, settings.season()));
    int season = settings.season() > 0 ? settings.season() : common.season();
    Frequency frequency = common == null ? Frequency.UNDATED : common;
    int horizon = settings.horizon() > 0 ? settings.horizon() : frequency.defaultHorizon(season);
    Protocol protocol =
        new Protocol(horizon, settings.holdout(), settings.origins(), season, settings.refit());
    Backtest.Setup setup = protocol.setup();
    int origins = settings.origins();

    // step 1: the network fitted (each series alone, or one global model) and its forecasts,
    // computed here, so that its time is the network's alone (as Backtest.run's)
    long start = System.nanoTime();
    JavaRDD<Fitted> fitted =
        network.fit(series, setup, partitions).persist(StorageLevel.MEMORY_AND_DISK());
    List<JavaRDD<?>> cached = new ArrayList<>(List.of(fitted));
    TaskProgress watch = progress == null ? null : TaskProgress.attach(spark, progress, partitions);
    long count;
    try {
      count = fitted.count();
    } finally {
      if (watch != null) {
        watch.close();
      }
    }
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    // what only step 1 needs: released once the chosen forecasts are cached and computed
    List<JavaRDD<?>> stepOne = new ArrayList<>();
    CombinationChoice choice = null;
    if (combination != null) {
      stepOne.add(fitted);
      String name = network.name();
      JavaRDD<Both> both =
          fitted
              .map(f -> combine(f, protocol.setup(), combination, name))
              .persist(StorageLevel.MEMORY_AND_DISK());
      stepOne.add(both);
      if (combination.chosenByBacktest()) {
        // added on the driver in the order of the series ids, not as tasks finish nor as the
        // series are partitioned: the same sums, to the last bit, in every run and on any
        // cluster, and Backtest.run's over a catalogue in id order
        List<Tuple2<String, CombinationChoice.Sums>> shares =
            new ArrayList<>(
                both.map(b -> new Tuple2<>(b.alone().series().id(), b.sums())).collect());
        shares.sort(Comparator.comparing(Tuple2::_1));
        CombinationChoice.Sums total = CombinationChoice.Sums.none();
        for (Tuple2<String, CombinationChoice.Sums> s : shares) {
          total = total.plus(s._2());
        }
        choice = CombinationChoice.from(combination.model(name, season).description(), total);
      }
      boolean combined = choice == null || choice.combined();
      fitted =
          both.map(b -> combined ? b.combined() : b.alone())
              .persist(StorageLevel.MEMORY_AND_DISK());
      cached.add(fitted);
    }
    JavaRDD<Fitted> chosen = fitted;
    // the end of step 1: each series' backtest errors
    List<double[][]> errors =
        chosen
            .map(f -> SeriesBacktest.errors(input(f.series()), f.fit(), protocol.setup()))
            .collect();
    series.unpersist(false);
    for (JavaRDD<?> r : stepOne) {
      cached.remove(r);
      r.unpersist(false);
    }

    // step 2: one calibration from every series' errors
    boolean anyErrors = errors.stream().anyMatch(e -> e.length > 0 && e[0].length > 0);
    ConformalIntervals intervals =
        origins > 0 && anyErrors ? Backtest.calibrate(errors, setup) : null;
    Broadcast<ConformalIntervals> shared = context.broadcast(intervals);

    // step 3: every series scored into its table rows
    List<String> baselines = M4Benchmarks.all(season).stream().map(Forecaster::name).toList();
    String name = network.name();
    CatalogueTables tables = new CatalogueTables(setup, name, baselines);
    JavaRDD<Rows> scored =
        chosen
            .map(f -> score(f, protocol.setup(), name, baselines, shared.value()))
            .persist(StorageLevel.MEMORY_AND_DISK());
    // not forecast: a series whose fit or scoring failed (an error row, no forecast rows)
    long failed = scored.filter(r -> r.forecasts().isEmpty()).count();
    cached.add(scored);
    Dataset<Row> forecasts =
        spark
            .createDataFrame(
                scored.flatMap(r -> r.forecasts().stream().map(RowFactory::create).iterator()),
                schema(tables.forecastColumns(), List.of("series_id", "date"), "step"))
            .orderBy("series_id", "step");
    Dataset<Row> metrics =
        spark
            .createDataFrame(
                scored.flatMap(r -> r.metrics().stream().map(RowFactory::create).iterator()),
                schema(
                    tables.metricColumns(),
                    List.of("series_id", "method", "origin", "status", "error"),
                    null))
            .orderBy("series_id", "method", "origin");
    return new Result(
        forecasts,
        metrics,
        season,
        horizon,
        count,
        failed,
        intervals,
        setup.refits(),
        fitSeconds,
        choice,
        cached);
  }

  private static CatalogueSeries read(String source, String id, Iterable<String[]> rows) {
    List<String> dates = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (String[] r : rows) {
      dates.add(r[0]);
      values.add(r[1]);
    }
    if (id.isEmpty()) {
      return new CatalogueSeries(
          id,
          null,
          null,
          new double[0],
          "%s: %d rows have no series id; every row needs one".formatted(source, dates.size()));
    }
    return CatalogueSeries.fromRows(source, id, dates, values);
  }

  /** Each frequency with its series count and one id, most common first. */
  private static List<Catalogue.FrequencyGroup> frequencies(JavaRDD<CatalogueSeries> series) {
    return series
        .filter(s -> s.frequency() != null)
        .mapToPair(s -> new Tuple2<>(s.frequency(), new Tuple2<>(1L, s.id())))
        .reduceByKey(
            (a, b) ->
                new Tuple2<>(a._1() + b._1(), a._2().compareTo(b._2()) <= 0 ? a._2() : b._2()))
        .collect()
        .stream()
        .map(t -> new Catalogue.FrequencyGroup(t._1(), t._2()._1(), t._2()._2()))
        .sorted(Comparator.comparingLong(Catalogue.FrequencyGroup::series).reversed())
        .toList();
  }

  static SeriesInput input(CatalogueSeries s) {
    return s.usable()
        ? SeriesInput.of(s.id(), s.toTimeSeries())
        : SeriesInput.failed(s.id(), s.problem());
  }

  /**
   * Step 1 for one series; a fit that throws marks only this series. Its networks train on as many
   * threads as the task has cores ({@code spark.task.cpus}, default 1), not on every core of the
   * executor, which runs other tasks beside it.
   */
  private static SeriesBacktest.Fit fit(
      CatalogueSeries s, Backtest.Setup setup, LocalSettings local) {
    TaskContext task = TaskContext.get();
    ForecastConfig config =
        local.config().toBuilder().threads(task == null ? 1 : task.cpus()).build();
    try {
      return SeriesBacktest.fit(input(s), setup, new LocalModel(config, null));
    } catch (RuntimeException e) {
      return new SeriesBacktest.Fit(s.id(), "the forecaster failed: " + e, null, null);
    }
  }

  /**
   * One series' network forecasts combined at every origin ({@link CombinedModel#combine}, each
   * method refitted on the history the network forecast from) and, chosen by the backtest, its
   * share of the choice (relative to Naive2, as the {@code catalogue} command's).
   */
  private static Both combine(
      Fitted f, Backtest.Setup setup, Combination combination, String network) {
    SeriesBacktest.Fit fit = f.fit();
    if (!fit.ok() || fit.network() == null) {
      return new Both(f, f, CombinationChoice.Sums.none());
    }
    double[] y = f.series().values();
    double[][] alone = fit.network();
    CombinedModel model = combination.model(network, setup.season());
    double[][] combined = new double[alone.length][];
    for (int k = 0; k < alone.length; k++) {
      if (alone[k] != null) {
        combined[k] = model.combine(alone[k], Backtest.history(y, setup, k), setup.horizon());
      }
    }
    CombinationChoice.Sums sums =
        combination.chosenByBacktest()
            ? CombinationChoice.Sums.of(
                y, alone, combined, setup, M4Benchmarks.naive2(setup.season()))
            : CombinationChoice.Sums.none();
    var mine = new SeriesBacktest.Fit(fit.id(), null, fit.networkProblem(), combined);
    return new Both(f, new Fitted(f.series(), mine), sums);
  }

  /** Step 3 for one series; scoring that throws marks only this series. */
  private static Rows score(
      Fitted f,
      Backtest.Setup setup,
      String name,
      List<String> baselines,
      ConformalIntervals intervals) {
    CatalogueTables tables = new CatalogueTables(setup, name, baselines);
    try {
      SeriesResult r =
          SeriesBacktest.score(
              input(f.series()), f.fit(), setup, name, intervals, M4Benchmarks.all(setup.season()));
      return new Rows(tables.forecastRows(r), tables.metricRows(r));
    } catch (RuntimeException e) {
      return new Rows(
          List.of(),
          List.<Object[]>of(
              CatalogueTables.errorRow(
                  f.series().id(), null, "scoring failed: " + e, tables.metricNames().size())));
    }
  }

  /** Strings for the named columns, an integer for {@code integer}, doubles for the rest. */
  private static StructType schema(List<String> columns, List<String> strings, String integer) {
    List<StructField> fields = new ArrayList<>();
    for (String c : columns) {
      DataType type =
          strings.contains(c)
              ? DataTypes.StringType
              : c.equals(integer) ? DataTypes.IntegerType : DataTypes.DoubleType;
      fields.add(DataTypes.createStructField(c, type, true));
    }
    return DataTypes.createStructType(fields);
  }

  /** Prints a line to the driver's stream as each task of the fitting step ends. */
  private static final class TaskProgress extends SparkListener {
    private final SparkSession spark;
    private final PrintStream out;
    private final int tasks;
    private final AtomicInteger done = new AtomicInteger();
    private final long start = System.nanoTime();

    private TaskProgress(SparkSession spark, PrintStream out, int tasks) {
      this.spark = spark;
      this.out = out;
      this.tasks = tasks;
    }

    static TaskProgress attach(SparkSession spark, PrintStream out, int tasks) {
      TaskProgress p = new TaskProgress(spark, out, tasks);
      spark.sparkContext().addSparkListener(p);
      return p;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (end.taskInfo().successful() && end.stageAttemptId() == 0) {
        out.printf(
            "fitting: %d/%d tasks done, %.0f s%n",
            done.incrementAndGet(), tasks, (System.nanoTime() - start) / 1e9);
      }
    }

    void close() {
      spark.sparkContext().removeSparkListener(this);
    }
  }
}
