import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.rnnkit.forecast.catalogue.Backtest;
import org.rnnkit.forecast.catalogue.CatalogueResult;
import org.rnnkit.forecast.catalogue.LocalModel;
import org.rnnkit.forecast.catalogue.SeriesInput;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.forecast.m4.M4Benchmarks;
import org.rnnkit.spark.LocalSpark;
import org.rnnkit.spark.LongTableRows;
import org.rnnkit.spark.PerSeriesJob;

/**
 * Series per second of the per-series forecaster on M4's weekly series (train and test values
 * joined, horizon 13, m = 1, 3 origins, as `catalogue --model local`): in one process
 * (Backtest.run with LocalModel, what `catalogue --model local` runs) and on Spark in local mode
 * with 1 and 2 cores (PerSeriesJob, the tables computed and counted, nothing written), both sides
 * with one fit and no combination (`--no-refit --combine none`), as measured before the job had
 * them. The three sides alternate, `rounds` times. The M4 files are read from the folder given;
 * nothing of them is written anywhere.
 *
 * <pre>
 *   mvn -B -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   java --add-opens=... -cp target/rnnkit.jar:$(cat /tmp/cp.txt) bench/SparkCatalogueBench.java \
 *       ../shared/datasets/m4-weekly [rounds] [sample]
 * </pre>
 *
 * {@code -Depochs=N -Densemble=N -Dhidden=N} set the forecaster's budget (default 20 epochs, 1
 * network: the forecast command's 300 epochs and 5 networks take about 5 CPU seconds a series).
 */
public class SparkCatalogueBench {
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int sample = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
    List<SeriesInput> catalogue = readWeekly(folder, sample);
    var local =
        new PerSeriesJob.LocalSettings(
            "gru",
            Integer.getInteger("hidden"),
            Integer.getInteger("epochs", 20),
            Integer.getInteger("ensemble", 1),
            42);
    var setup = new Backtest.Setup(13, true, 3, 1, new double[] {0.8, 0.95});
    var settings =
        new PerSeriesJob.Settings(
            LongTableRows.Columns.defaults(), 1, 13, true, 3, false, local, 0);
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    System.out.printf(
        Locale.ROOT,
        "%d series, forecaster %s, %d cores%n",
        catalogue.size(),
        local,
        Runtime.getRuntime().availableProcessors());
    for (int round = 1; round <= rounds; round++) {
      double load = os.getSystemLoadAverage();
      long cpu = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      CatalogueResult r =
          Backtest.run(
              catalogue,
              setup,
              new LocalModel(local.config(), null),
              M4Benchmarks.all(1),
              "naive2",
              null,
              null);
      report(round, "in-process", catalogue.size(), t0, cpu, load, os);
      for (int cores : new int[] {1, 2}) {
        SparkSession spark = LocalSpark.start(cores);
        Dataset<Row> table = longTable(spark, catalogue);
        table.cache().count();
        load = os.getSystemLoadAverage();
        cpu = os.getProcessCpuTime();
        t0 = System.nanoTime();
        PerSeriesJob.Result s =
            PerSeriesJob.run(spark, table, "m4-weekly", settings, null, null, null);
        long rows = s.forecasts().count() + s.metrics().count();
        report(round, "spark local[" + cores + "]", catalogue.size(), t0, cpu, load, os);
        if (s.series() != catalogue.size() || rows == 0) {
          throw new IllegalStateException("the job lost series");
        }
        spark.stop();
      }
    }
  }

  static void report(
      int round,
      String side,
      int series,
      long t0,
      long cpu0,
      double load,
      com.sun.management.OperatingSystemMXBean os) {
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "round %d %-16s %6.1f s  %5.2f series/s  process CPU %6.1f s  load %.1f -> %.1f%n",
        round,
        side,
        seconds,
        series / seconds,
        (os.getProcessCpuTime() - cpu0) / 1e9,
        load,
        os.getSystemLoadAverage());
  }

  /** The catalogue as a long table, weekly dates from 2000-01-02 (the M4 files have none). */
  static Dataset<Row> longTable(SparkSession spark, List<SeriesInput> catalogue) {
    List<Row> rows = new ArrayList<>();
    LocalDate start = LocalDate.of(2000, 1, 2);
    for (SeriesInput s : catalogue) {
      double[] y = s.series().values();
      for (int t = 0; t < y.length; t++) {
        rows.add(RowFactory.create(s.id(), start.plusWeeks(t).toString(), y[t]));
      }
    }
    var schema =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("series_id", DataTypes.StringType, false),
                DataTypes.createStructField("date", DataTypes.StringType, false),
                DataTypes.createStructField("value", DataTypes.DoubleType, false)));
    return spark.createDataFrame(rows, schema);
  }

  static List<SeriesInput> readWeekly(Path folder, int sample) throws IOException {
    List<String> train = Files.readAllLines(folder.resolve("Weekly-train.csv"));
    List<String> test = Files.readAllLines(folder.resolve("Weekly-test.csv"));
    List<SeriesInput> out = new ArrayList<>();
    for (int i = 1; i < train.size() && out.size() < sample; i++) {
      String[] a = train.get(i).split(",");
      String[] t = test.get(i).split(",");
      String id = a[0].replace("\"", "");
      if (!id.equals(t[0].replace("\"", ""))) {
        throw new IllegalStateException("rows differ at " + i);
      }
      List<Double> v = new ArrayList<>();
      for (String[] part : new String[][] {a, t}) {
        for (int k = 1; k < part.length; k++) {
          String s = part[k].replace("\"", "");
          if (!s.isEmpty()) {
            v.add(Double.parseDouble(s));
          }
        }
      }
      out.add(
          SeriesInput.of(
              id, TimeSeries.of(id, v.stream().mapToDouble(Double::doubleValue).toArray())));
    }
    return out;
  }
}
