import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rnnkit.data.Catalogue;
import org.rnnkit.data.CatalogueSeries;
import org.rnnkit.forecast.catalogue.GlobalConfig;
import org.rnnkit.forecast.catalogue.GlobalForecaster;
import org.rnnkit.forecast.catalogue.GlobalModel;
import org.rnnkit.spark.IdentifiedSeries;
import org.rnnkit.spark.LocalSpark;
import org.rnnkit.spark.SparkGlobalForecaster;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingListener;

/**
 * Speed of the global model's data-parallel training on Spark in local mode (issue 16): the
 * milliseconds per synchronous step with local[1] and local[2] (alternating, repeated), against
 * the same training on one machine without Spark (GlobalForecaster, one thread), and series per
 * second of training on the M4 weekly set when a folder is given (read with Catalogue's reader;
 * nothing of it is written anywhere). One network, the default GlobalConfig otherwise; a small
 * epoch budget given on the command line.
 *
 * <pre>
 * mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/classes:$(cat /tmp/cp.txt) bench/SparkGlobalTraining.java [m4-weekly-folder] [epochs] [repeats]
 * </pre>
 */
public class SparkGlobalTraining {
  private static final int HORIZON = 13;
  private static final int SEASON = 1;

  public static void main(String[] args) throws Exception {
    Path folder = args.length > 0 && !args[0].equals("-") ? Path.of(args[0]) : null;
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    GlobalConfig config =
        GlobalConfig.defaults().toBuilder().epochs(epochs).ensemble(1).threads(1).build();
    System.out.printf(
        Locale.ROOT,
        "config: %s%nprocessors %d, load average %.1f%n",
        config,
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    int p = parameters(config);
    System.out.printf("P = %d parameters (%d bytes as doubles)%n", p, 8 * p);
    for (int r = 0; r < repeats; r++) {
      for (int cores : new int[] {1, 2}) {
        System.out.printf(
            Locale.ROOT,
            "  empty step, local[%d]: broadcast P doubles, one task per partition returning P + 3,"
                + " summed: median %.1f ms%n",
            cores, emptyStepMs(cores, p));
      }
    }
    List<double[]> small = synthetic(40, 120, 5);
    System.out.println("small catalogue: 40 synthetic series of 120 values, horizon 13, m = 1");
    for (int r = 0; r < repeats; r++) {
      for (int cores : new int[] {1, 2}) {
        Run run = spark(small, config, cores);
        System.out.printf(
            Locale.ROOT,
            "  local[%d]: %d steps, median %.1f ms/step (steps within an epoch), fit %.2f s%n",
            cores, run.steps, run.medianStepMs, run.seconds);
      }
      Run alone = single(small, config);
      System.out.printf(
          Locale.ROOT,
          "  one machine, no Spark: %d steps, median %.1f ms/step, fit %.2f s%n",
          alone.steps, alone.medianStepMs, alone.seconds);
    }

    if (folder != null) {
      List<double[]> m4 = new ArrayList<>();
      for (CatalogueSeries s :
          Catalogue.read(
                  folder.resolve("Weekly-train.csv"),
                  Catalogue.Options.defaults().withSeason(SEASON))
              .series()) {
        m4.add(s.values());
      }
      System.out.printf("M4 weekly: %d series, training on all their values%n", m4.size());
      for (int r = 0; r < Math.max(1, repeats - 1); r++) {
        Run alone = single(m4, config);
        System.out.printf(
            Locale.ROOT,
            "  one machine, no Spark: %.1f ms/step, fit %.1f s, %.1f series/s%n",
            alone.medianStepMs, alone.seconds, m4.size() / alone.seconds);
        for (int cores : new int[] {1, 2}) {
          Run run = spark(m4, config, cores);
          System.out.printf(
              Locale.ROOT,
              "  local[%d]: %d steps, %.1f ms/step, fit %.1f s, %.1f series/s (%d epochs)%n",
              cores, run.steps, run.medianStepMs, run.seconds, m4.size() / run.seconds, epochs);
          System.out.printf(
              Locale.ROOT,
              "    largest weight difference to one machine: %.2e%n",
              maxDifference(alone.weights, run.weights));
        }
      }
    }
  }

  static int parameters(GlobalConfig config) {
    return GlobalForecaster.network(config, HORIZON, new Random(0)).parameters().stream()
        .mapToInt(org.rnnkit.nn.Parameter::size)
        .sum();
  }

  /** The latency of a step without its computing: what Spark and the driver add per step. */
  static double emptyStepMs(int cores, int p) {
    SparkSession session = LocalSpark.start(cores);
    try {
      JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
      JavaRDD<Integer> rdd = spark.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 2 * cores).cache();
      rdd.count();
      double[] ms = new double[40];
      for (int i = 0; i < ms.length; i++) {
        long start = System.nanoTime();
        var weights = spark.broadcast(new double[p]);
        double[] sum =
            rdd.mapPartitions(
                    it -> {
                      double[] g = new double[p + 3];
                      g[0] = weights.value()[0] + 1;
                      return List.of(g).iterator();
                    })
                .treeReduce(
                    (a, b) -> {
                      for (int k = 0; k < a.length; k++) {
                        a[k] += b[k];
                      }
                      return a;
                    },
                    2);
        weights.destroy();
        ms[i] = (System.nanoTime() - start) / 1e6;
        if (sum[0] != 2 * cores) {
          throw new IllegalStateException("lost a partition");
        }
      }
      Arrays.sort(ms);
      return ms[ms.length / 2];
    } finally {
      session.stop();
    }
  }

  record Run(int steps, double medianStepMs, double seconds, double[] weights) {}

  /** Times steps: the gaps between consecutive batches of one epoch. */
  static final class StepTimer implements TrainingListener {
    final List<Double> gaps = new ArrayList<>();
    long last;
    int lastEpoch;
    int steps;

    @Override
    public void onBatch(BatchEvent e) {
      long now = System.nanoTime();
      if (e.epoch() == lastEpoch) {
        gaps.add((now - last) / 1e6);
      }
      last = now;
      lastEpoch = e.epoch();
      steps++;
    }

    double median() {
      double[] v = gaps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return v.length == 0 ? Double.NaN : v[v.length / 2];
    }
  }

  static Run spark(List<double[]> series, GlobalConfig config, int cores) {
    SparkSession session = LocalSpark.start(cores);
    try {
      JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
      List<IdentifiedSeries> rows = new ArrayList<>();
      for (int i = 0; i < series.size(); i++) {
        rows.add(new IdentifiedSeries(i, "s" + i, series.get(i)));
      }
      JavaRDD<IdentifiedSeries> rdd = spark.parallelize(rows, 2 * cores).cache();
      rdd.count();
      StepTimer timer = new StepTimer();
      long start = System.nanoTime();
      var trained = new SparkGlobalForecaster(spark, config).fit(rdd, SEASON, HORIZON, timer);
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Run(timer.steps, timer.median(), seconds, weights(trained.members().get(0)));
    } finally {
      session.stop();
    }
  }

  static Run single(List<double[]> series, GlobalConfig config) {
    StepTimer timer = new StepTimer();
    long start = System.nanoTime();
    GlobalModel model = new GlobalForecaster(config).fit(series, SEASON, HORIZON, timer);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(timer.steps, timer.median(), seconds, weights(model.members().get(0)));
  }

  static double[] weights(org.rnnkit.nn.SequenceModel model) {
    return model.parameters().stream()
        .flatMapToDouble(p -> Arrays.stream(p.value().data, 0, p.size()))
        .toArray();
  }

  static double maxDifference(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /** Positive series with a trend, noise and a slow cycle. */
  static List<double[]> synthetic(int n, int length, long seed) {
    Random rng = new Random(seed);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] y = new double[length];
      double level = 100 + 100 * rng.nextDouble();
      for (int t = 0; t < length; t++) {
        y[t] = level + 0.2 * t + 10 * Math.sin(2 * Math.PI * t / 52) + 3 * rng.nextGaussian();
      }
      out.add(y);
    }
    return out;
  }
}
