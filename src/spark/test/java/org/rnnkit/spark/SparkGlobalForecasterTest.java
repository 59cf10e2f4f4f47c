package org.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnkit.forecast.catalogue.GlobalConfig;
import org.rnnkit.forecast.catalogue.GlobalForecaster;
import org.rnnkit.forecast.catalogue.GlobalModel;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;

/**
 * The global model trained and applied on Spark equals the single-machine {@link GlobalForecaster}:
 * same networks (1e-12 absolute on each weight) and forecasts (1e-10 relative) on a tiny catalogue
 * split unevenly over three partitions. The tolerances allow for summation order only (see {@link
 * DataParallelTrainerTest}); measured differences are about 1e-16.
 */
class SparkGlobalForecasterTest {
  private static final int SEASON = 4;
  private static final int HORIZON = 3;
  private static JavaSparkContext spark;

  @BeforeAll
  static void start() {
    spark = SharedSpark.context();
  }

  /** Positive quarterly series of 24 to 60 values: level, trend, season and noise. */
  private static List<double[]> catalogue(int n, long seed) {
    Random rng = new Random(seed);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] y = new double[24 + rng.nextInt(37)];
      double level = 50 + 100 * rng.nextDouble();
      double trend = rng.nextDouble() - 0.3;
      for (int t = 0; t < y.length; t++) {
        y[t] = level + trend * t + 8 * Math.sin(Math.PI * t / 2) + 3 * rng.nextGaussian();
      }
      out.add(y);
    }
    return out;
  }

  private static GlobalConfig config() {
    return GlobalConfig.builder()
        .cell(CellType.GRU)
        .hidden(5)
        .epochs(2)
        .patience(2)
        .batchSize(8)
        .ensemble(2)
        .windowsPerSeries(3)
        .learningRate(0.01)
        .threads(1)
        .build();
  }

  private static JavaRDD<IdentifiedSeries> rdd(List<double[]> training, int partitions) {
    List<IdentifiedSeries> series = new ArrayList<>();
    for (int i = 0; i < training.size(); i++) {
      series.add(new IdentifiedSeries(i, "s" + i, training.get(i)));
    }
    return spark.parallelize(series, partitions);
  }

  @Test
  void networksAndForecastsAreThoseOfOneMachine() {
    List<double[]> training = catalogue(7, 11);
    GlobalModel single = new GlobalForecaster(config()).fit(training, SEASON, HORIZON, null);

    var forecaster = new SparkGlobalForecaster(spark, config());
    JavaRDD<IdentifiedSeries> series = rdd(training, 3);
    SparkGlobalForecaster.Trained trained = forecaster.fit(series, SEASON, HORIZON, null);

    assertEquals(2, trained.members().size());
    for (int m = 0; m < 2; m++) {
      double[] a = FlatParameters.values(single.members().get(m).parameters());
      double[] b = FlatParameters.values(trained.members().get(m).parameters());
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], 1e-12, "network " + m + ", weight " + i);
      }
    }
    double[][] expected = single.forecast(new int[] {0, 1, 2, 3, 4, 5, 6}, training, HORIZON);
    List<SparkGlobalForecaster.SeriesForecast> forecasts =
        new ArrayList<>(forecaster.forecast(series, trained, HORIZON).collect());
    forecasts.sort(Comparator.comparingInt(SparkGlobalForecaster.SeriesForecast::id));
    assertEquals(7, forecasts.size());
    for (int k = 0; k < 7; k++) {
      assertEquals("s" + k, forecasts.get(k).key());
      for (int h = 0; h < HORIZON; h++) {
        double e = expected[k][h];
        assertEquals(e, forecasts.get(k).forecast()[h], 1e-10 * Math.abs(e), "series " + k);
      }
    }
    // trained, not the initial networks
    SequenceModel fresh = GlobalForecaster.network(config(), HORIZON, new Random(42));
    double[] w0 = FlatParameters.values(fresh.parameters());
    double[] w1 = FlatParameters.values(trained.members().get(0).parameters());
    double moved = 0;
    for (int i = 0; i < w0.length; i++) {
      moved = Math.max(moved, Math.abs(w0[i] - w1[i]));
    }
    assertTrue(moved > 1e-3, "the first network moved by " + moved);
  }

  @Test
  void seriesIdsThatAreNotZeroToNMinusOneAreRefused() {
    List<IdentifiedSeries> series = new ArrayList<>();
    List<double[]> training = catalogue(3, 2);
    for (int i = 0; i < 3; i++) {
      series.add(new IdentifiedSeries(2 * i, "s" + i, training.get(i)));
    }
    var forecaster = new SparkGlobalForecaster(spark, config());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> forecaster.fit(spark.parallelize(series, 2), SEASON, HORIZON, null));
    assertTrue(e.getMessage().contains("series ids must be 0 .. 2, each once"), e.getMessage());
  }

  @Test
  void seriesTooShortToTrainOnAreRefusedAsOnOneMachine() {
    List<double[]> training = List.of(new double[] {1, 2}, new double[] {3});
    var single =
        assertThrows(
            IllegalArgumentException.class,
            () -> new GlobalForecaster(config()).fit(training, SEASON, HORIZON, null));
    var forecaster = new SparkGlobalForecaster(spark, config());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> forecaster.fit(rdd(training, 2), SEASON, HORIZON, null));
    assertTrue(single.getMessage().startsWith("no series is long enough"), single.getMessage());
    assertEquals(single.getMessage(), e.getMessage());
  }
}
