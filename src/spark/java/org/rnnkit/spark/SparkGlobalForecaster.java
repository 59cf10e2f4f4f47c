package org.rnnkit.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.rnnkit.forecast.catalogue.GlobalConfig;
import org.rnnkit.forecast.catalogue.GlobalForecaster;
import org.rnnkit.forecast.catalogue.GlobalModel;
import org.rnnkit.forecast.catalogue.TrainingWindows;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.train.History;
import org.rnnkit.train.TrainingListener;

/**
 * The global model ({@link GlobalForecaster}) with its series spread over a cluster: the windows
 * are built on the executors, the networks trained data-parallel ({@link DataParallelTrainer}), and
 * forecasting is a map over the series.
 *
 * <ol>
 *   <li>Each partition normalises its series, each on its own training part, and holds their
 *       windows ({@link TrainingWindows}, cached on the executors); the driver collects only each
 *       series' window count and whether it has a validation window (three ints a series).
 *   <li>Each network (seed s = config seed + i) trains as on one machine: epoch e's windows of
 *       series i are drawn from (s, e, i) alone, so every partition draws its own series' windows
 *       and numbers them where the single machine's list puts them (series by id, then origin);
 *       settings as {@link GlobalForecaster}'s (mini-batches of the batch size, Adam, the config's
 *       loss, clipping at norm 1, early stopping on each series' last fitted window).
 *   <li>The forecast of a partition's series: the networks' weights are broadcast, each partition
 *       rebuilds the networks and its series' normalisations ({@link GlobalForecaster#assemble})
 *       and forecasts them.
 * </ol>
 *
 * So the same series (with the same ids), season, horizon and config give the networks and
 * forecasts of {@code new GlobalForecaster(config).fit(...)} equal up to floating-point summation
 * order (which may vary between runs: see {@link DataParallelTrainer}), however the series are
 * partitioned. The networks train one after another (on one machine they train side by side in
 * {@code threads} threads).
 */
public final class SparkGlobalForecaster {
  private final JavaSparkContext spark;
  private final GlobalConfig config;

  /** One series' forecast of the steps after its fitted part. */
  public record SeriesForecast(int id, String key, double[] forecast) implements Serializable {}

  /**
   * One series' forecasts from several histories, {@code forecasts[k][h-1]} from history k.
   *
   * @param series the series, as given
   */
  public record OriginForecasts(IdentifiedSeries series, double[][] forecasts)
      implements Serializable {}

  /**
   * The trained networks, one per seed, with each one's training history.
   *
   * @param season m, as given to fit
   * @param horizon H, the networks' outputs
   */
  public record Trained(
      List<SequenceModel> members, List<History> histories, int season, int horizon) {}

  public SparkGlobalForecaster(JavaSparkContext spark, GlobalConfig config) {
    this.spark = spark;
    this.config = config;
  }

  /**
   * Trains the global networks on every series of {@code series}.
   *
   * @param series the catalogue's series with ids 0 .. n-1, each once; each is trained on its
   *     fitted part
   * @param progress receives every network's training events on the driver; may be null
   */
  public Trained fit(
      JavaRDD<IdentifiedSeries> series, int season, int horizon, TrainingListener progress) {
    ShippedRecord<GlobalConfig> shipped = ShippedRecord.of(config);
    JavaRDD<TrainingWindows> pools =
        series
            .mapPartitions(windowsOf(shipped, season, horizon))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Broadcast<int[][]> numbering = null;
    try {
      numbering = spark.broadcast(numbering(pools, horizon));
      Broadcast<int[][]> numbers = numbering;
      List<SequenceModel> members = new ArrayList<>();
      List<History> histories = new ArrayList<>();
      JavaRDD<IndexedExample> validation = pools.mapPartitions(validationOf(numbers));
      boolean validate = !validation.isEmpty();
      for (int i = 0; i < config.ensemble(); i++) {
        long seed = config.seed() + i;
        SequenceModel model = GlobalForecaster.network(config, horizon, new Random(seed));
        var trainer =
            new DataParallelTrainer(
                spark,
                model,
                () -> GlobalForecaster.network(shipped.get(), horizon, new Random(seed)),
                () -> shipped.get().loss().create(),
                GlobalForecaster.optimizer(config),
                GlobalForecaster.trainingConfig(config, seed, validate));
        if (progress != null) {
          trainer.addListener(progress);
        }
        int perSeries = config.windowsPerSeries();
        histories.add(
            trainer.fit(
                epoch -> pools.mapPartitions(trainingOf(numbers, seed, epoch, perSeries)),
                validate ? validation : spark.emptyRDD()));
        members.add(model);
      }
      return new Trained(members, histories, season, horizon);
    } finally {
      if (numbering != null) {
        numbering.destroy();
      }
      pools.unpersist(false);
    }
  }

  /**
   * The forecasts of {@code steps} (1 .. H) values after each series' fitted part, computed where
   * the series are.
   *
   * @param series the series the networks were trained on (same ids and fitted parts)
   */
  public JavaRDD<SeriesForecast> forecast(
      JavaRDD<IdentifiedSeries> series, Trained trained, int steps) {
    return forecastFrom(series, trained, steps, s -> List.of(s.fittedPart()))
        .map(f -> new SeriesForecast(f.series().id(), f.series().key(), f.forecasts()[0]));
  }

  /**
   * The forecasts of {@code steps} (1 .. H) values after each of a series' histories (e.g. its
   * values up to each backtest origin), computed where the series are: each partition rebuilds the
   * networks from their broadcast weights and its series' normalisations from their fitted parts
   * ({@link GlobalForecaster#assemble}), as {@link GlobalModel#forecast} does on one machine.
   *
   * @param series the series the networks were trained on (same ids and fitted parts)
   * @param histories each series' histories, each from its first observation
   */
  public JavaRDD<OriginForecasts> forecastFrom(
      JavaRDD<IdentifiedSeries> series,
      Trained trained,
      int steps,
      Function<IdentifiedSeries, List<double[]>> histories) {
    return forecastFrom(series, trained, steps, histories, weightsOf(trained));
  }

  /**
   * The networks' weights, broadcast for {@link #forecastFrom}; the caller releases them once the
   * forecasts are computed ({@code unpersist}: a lost partition recomputed later fetches them again
   * from the driver). The public {@code forecastFrom} leaves that to Spark's cleaner, which removes
   * the broadcast once its RDD is unreachable.
   */
  Broadcast<List<double[]>> weightsOf(Trained trained) {
    List<double[]> weights = new ArrayList<>();
    for (SequenceModel m : trained.members()) {
      weights.add(FlatParameters.values(m.parameters()));
    }
    return spark.broadcast(weights);
  }

  /** {@link #forecastFrom} with the networks' weights broadcast by {@link #weightsOf}. */
  JavaRDD<OriginForecasts> forecastFrom(
      JavaRDD<IdentifiedSeries> series,
      Trained trained,
      int steps,
      Function<IdentifiedSeries, List<double[]>> histories,
      Broadcast<List<double[]>> shippedWeights) {
    ShippedRecord<GlobalConfig> shipped = ShippedRecord.of(config);
    int season = trained.season();
    int horizon = trained.horizon();
    return series.mapPartitions(
        (FlatMapFunction<Iterator<IdentifiedSeries>, OriginForecasts>)
            it -> {
              List<IdentifiedSeries> part = sorted(it);
              if (part.isEmpty()) {
                return List.<OriginForecasts>of().iterator();
              }
              GlobalConfig settings = shipped.get();
              List<SequenceModel> members = new ArrayList<>();
              for (double[] w : shippedWeights.value()) {
                SequenceModel m = GlobalForecaster.network(settings, horizon, new Random(0));
                FlatParameters.setValues(m.parameters(), w);
                members.add(m);
              }
              GlobalModel model =
                  new GlobalForecaster(settings)
                      .assemble(
                          members,
                          part.stream().map(IdentifiedSeries::fittedPart).toList(),
                          season,
                          horizon);
              List<OriginForecasts> out = new ArrayList<>();
              for (int k = 0; k < part.size(); k++) {
                List<double[]> mine = histories.call(part.get(k));
                int[] which = new int[mine.size()];
                java.util.Arrays.fill(which, k);
                out.add(new OriginForecasts(part.get(k), model.forecast(which, mine, steps)));
              }
              return out.iterator();
            });
  }

  /**
   * Where each series' examples go in the single machine's lists: {@code [0][id]} the index of
   * series id's first training window in every epoch's list (series by id, each {@code min(count,
   * k)} windows), {@code [1][id]} the index of its validation window or -1. Checks the ids.
   */
  private int[][] numbering(JavaRDD<TrainingWindows> pools, int horizon) {
    List<int[]> sizes =
        pools
            .flatMap(
                pool -> {
                  List<int[]> out = new ArrayList<>();
                  for (int id : pool.ids()) {
                    out.add(new int[] {id, pool.count(id), pool.validationOrigin(id) >= 0 ? 1 : 0});
                  }
                  return out.iterator();
                })
            .collect();
    int n = sizes.size();
    int[] count = new int[n];
    int[] validates = new int[n];
    boolean[] seen = new boolean[n];
    for (int[] s : sizes) {
      if (s[0] >= n || seen[s[0]]) {
        throw new IllegalArgumentException(
            "series ids must be 0 .. %d, each once; got %d%s"
                .formatted(n - 1, s[0], s[0] < n ? " twice" : ""));
      }
      seen[s[0]] = true;
      count[s[0]] = s[1];
      validates[s[0]] = s[2];
    }
    int[] trainingStart = new int[n];
    int[] validationIndex = new int[n];
    long total = 0;
    int v = 0;
    for (int id = 0; id < n; id++) {
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "an epoch would draw more than %d windows; lower windowsPerSeries"
                .formatted(Integer.MAX_VALUE));
      }
      trainingStart[id] = (int) total;
      total += Math.min(count[id], config.windowsPerSeries());
      validationIndex[id] = validates[id] == 1 ? v++ : -1;
    }
    if (total == 0) {
      throw GlobalForecaster.noSeriesLongEnough(config, horizon);
    }
    return new int[][] {trainingStart, validationIndex};
  }

  private static FlatMapFunction<Iterator<IdentifiedSeries>, TrainingWindows> windowsOf(
      ShippedRecord<GlobalConfig> shipped, int season, int horizon) {
    return it -> {
      List<IdentifiedSeries> part = sorted(it);
      if (part.isEmpty()) {
        return List.<TrainingWindows>of().iterator();
      }
      int[] ids = part.stream().mapToInt(IdentifiedSeries::id).toArray();
      List<double[]> values = part.stream().map(IdentifiedSeries::fittedPart).toList();
      return List.of(TrainingWindows.of(ids, values, season, shipped.get(), horizon)).iterator();
    };
  }

  /** Epoch e's training windows of a partition, numbered as in the single machine's list. */
  private static FlatMapFunction<Iterator<TrainingWindows>, IndexedExample> trainingOf(
      Broadcast<int[][]> numbering, long seed, int epoch, int perSeries) {
    return it -> {
      int[] start = numbering.value()[0];
      List<IndexedExample> out = new ArrayList<>();
      while (it.hasNext()) {
        TrainingWindows pool = it.next();
        int series = -1;
        int index = 0;
        for (TrainingWindows.Window w : pool.draw(seed, epoch, perSeries)) {
          // the draw lists windows by series, then origin
          index = w.series() == series ? index + 1 : start[w.series()];
          series = w.series();
          out.add(IndexedExample.of(index, pool.example(w.series(), w.origin())));
        }
      }
      return out.iterator();
    };
  }

  /** A partition's validation windows, numbered as in the single machine's list. */
  private static FlatMapFunction<Iterator<TrainingWindows>, IndexedExample> validationOf(
      Broadcast<int[][]> numbering) {
    return it -> {
      int[] index = numbering.value()[1];
      List<IndexedExample> out = new ArrayList<>();
      while (it.hasNext()) {
        TrainingWindows pool = it.next();
        for (int id : pool.ids()) {
          if (index[id] >= 0) {
            out.add(IndexedExample.of(index[id], pool.example(id, pool.validationOrigin(id))));
          }
        }
      }
      return out.iterator();
    };
  }

  private static List<IdentifiedSeries> sorted(Iterator<IdentifiedSeries> it) {
    List<IdentifiedSeries> part = new ArrayList<>();
    it.forEachRemaining(part::add);
    part.sort(Comparator.comparingInt(IdentifiedSeries::id));
    return part;
  }
}
