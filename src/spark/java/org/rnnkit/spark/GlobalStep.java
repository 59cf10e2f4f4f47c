package org.rnnkit.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.rnnkit.data.CatalogueSeries;
import org.rnnkit.forecast.catalogue.Backtest;
import org.rnnkit.forecast.catalogue.GlobalConfig;
import org.rnnkit.forecast.catalogue.SeriesBacktest;
import org.rnnkit.train.TrainingListener;
import scala.Tuple2;

/**
 * Step 1 of {@link PerSeriesJob} with the global model, as {@link Backtest#run} does it with a
 * {@link org.rnnkit.forecast.catalogue.GlobalForecaster} on one machine for the catalogue in the
 * order of its series ids: the series the protocol accepts, sorted by id, are numbered 0 .. n-1
 * (the numbers fix each series' windows and the batches); one global model is trained on their
 * fitted parts (every origin held out) data-parallel ({@link SparkGlobalForecaster}); each series
 * is then forecast from every origin where it lies. With the refit (when the setup {@link
 * Backtest.Setup#refits()}), the networks are trained a second time, data-parallel, on every
 * series' whole training part, and their forecasts from it replace the final (origin 0) ones of the
 * series the first fit forecast; the first fit's stay for the origins and the calibration. A series
 * the protocol refuses gets its error row and takes no part in training.
 *
 * <p>The fits are returned cached and computed (one job), so that the series this step caches and
 * the networks' broadcast weights are released before it returns; {@code PerSeriesJob} caches the
 * result at the same level.
 */
final class GlobalStep implements PerSeriesJob.NetworkStep {
  /** The prefix of the names of the RDDs this step caches (and releases before it returns). */
  static final String CACHED = "GlobalStep: ";

  private final JavaSparkContext spark;
  private final GlobalConfig config;
  private final TrainingListener progress;

  /**
   * @param progress receives each network's training events on the driver; may be null
   */
  GlobalStep(JavaSparkContext spark, GlobalConfig config, TrainingListener progress) {
    this.spark = spark;
    this.config = config;
    this.progress = progress;
  }

  @Override
  public String name() {
    return "global";
  }

  @Override
  public JavaRDD<PerSeriesJob.Fitted> fit(
      JavaRDD<CatalogueSeries> series, Backtest.Setup setup, int partitions) {
    int horizon = setup.horizon();
    boolean holdout = setup.holdout();
    int origins = setup.origins();
    int season = setup.season();
    double[] levels = setup.levels();
    JavaPairRDD<CatalogueSeries, String> checked =
        series
            .mapToPair(
                s -> {
                  var mine = new Backtest.Setup(horizon, holdout, origins, season, levels);
                  var in = PerSeriesJob.input(s);
                  String problem =
                      in.problem() != null ? in.problem() : Backtest.problem(in.series(), mine);
                  return new Tuple2<>(s, problem == null ? "" : problem);
                })
            .setName(CACHED + "checked series")
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<PerSeriesJob.Fitted> refused =
        checked
            .filter(c -> !c._2().isEmpty())
            .map(
                c ->
                    new PerSeriesJob.Fitted(
                        c._1(), new SeriesBacktest.Fit(c._1().id(), c._2(), null, null)));
    JavaRDD<CatalogueSeries> good =
        checked.filter(c -> c._2().isEmpty()).keys().sortBy(CatalogueSeries::id, true, partitions);
    if (good.isEmpty()) {
      return computed(refused, () -> checked.unpersist(false));
    }
    JavaRDD<IdentifiedSeries> numbered =
        good.zipWithIndex()
            .map(
                t -> {
                  double[] y = t._1().values();
                  var mine = new Backtest.Setup(horizon, holdout, origins, season, levels);
                  int fitted = Backtest.history(y, mine, origins).length;
                  return new IdentifiedSeries(Math.toIntExact(t._2()), t._1().id(), y, fitted);
                })
            .setName(CACHED + "numbered series")
            .persist(StorageLevel.MEMORY_AND_DISK());
    var forecaster = new SparkGlobalForecaster(spark, config);
    SparkGlobalForecaster.Trained trained = forecaster.fit(numbered, season, horizon, progress);
    var weights = forecaster.weightsOf(trained);
    JavaPairRDD<String, double[][]> forecasts =
        forecaster
            .forecastFrom(
                numbered,
                trained,
                horizon,
                s -> {
                  var mine = new Backtest.Setup(horizon, holdout, origins, season, levels);
                  List<double[]> histories = new ArrayList<>();
                  for (int k = 0; k <= origins; k++) {
                    histories.add(Backtest.history(s.values(), mine, k));
                  }
                  return histories;
                },
                weights)
            .mapToPair(f -> new Tuple2<>(f.series().key(), f.forecasts()));
    List<Runnable> releases = new ArrayList<>();
    if (setup.refits()) {
      // as Backtest.run: the final forecasts from networks fitted again on every series' whole
      // training part; the first fit's stay for the backtest origins and the calibration
      JavaRDD<IdentifiedSeries> whole =
          numbered
              .map(
                  s -> {
                    var mine = new Backtest.Setup(horizon, holdout, origins, season, levels);
                    int end = Backtest.history(s.values(), mine, 0).length;
                    return new IdentifiedSeries(s.id(), s.key(), s.values(), end);
                  })
              .setName(CACHED + "whole training parts")
              .persist(StorageLevel.MEMORY_AND_DISK());
      SparkGlobalForecaster.Trained again = forecaster.fit(whole, season, horizon, progress);
      var refitted = forecaster.weightsOf(again);
      JavaPairRDD<String, double[]> finals =
          forecaster
              .forecastFrom(whole, again, horizon, s -> List.of(s.fittedPart()), refitted)
              .mapToPair(f -> new Tuple2<>(f.series().key(), f.forecasts()[0]));
      forecasts =
          forecasts
              .join(finals, partitions)
              .mapValues(
                  t -> {
                    double[][] f = t._1().clone();
                    if (f[0] != null) {
                      // only where the first fit forecast: no final forecast without a backtest
                      f[0] = t._2();
                    }
                    return f;
                  });
      releases.add(() -> whole.unpersist(false));
      releases.add(() -> refitted.unpersist(false));
    }
    JavaRDD<PerSeriesJob.Fitted> forecast =
        good.mapToPair(s -> new Tuple2<>(s.id(), s))
            .join(forecasts, partitions)
            .values()
            .map(
                t ->
                    new PerSeriesJob.Fitted(
                        t._1(), new SeriesBacktest.Fit(t._1().id(), null, null, t._2())));
    return computed(
        forecast.union(refused),
        () -> {
          numbered.unpersist(false);
          checked.unpersist(false);
          weights.unpersist(false);
          releases.forEach(Runnable::run);
        });
  }

  /**
   * {@code result} cached and computed, then {@code release} run: the series this step cached and
   * the broadcast weights are needed only to compute it once (a lost partition is recomputed from
   * the lineage, re-fetching a released broadcast from the driver).
   */
  private static JavaRDD<PerSeriesJob.Fitted> computed(
      JavaRDD<PerSeriesJob.Fitted> result, Runnable release) {
    JavaRDD<PerSeriesJob.Fitted> cached = result.persist(StorageLevel.MEMORY_AND_DISK());
    cached.count();
    release.run();
    return cached;
  }
}
