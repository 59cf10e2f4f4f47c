import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnkit.data.Catalogue;
import org.rnnkit.data.CatalogueSeries;
import org.rnnkit.forecast.m4.M4Benchmarks;
import org.rnnkit.forecast.m4.M4Metrics;

/**
 * Reproduces the M4 competition's benchmark results on its 359 weekly series: reads {@code
 * Weekly-train.csv} and {@code Weekly-test.csv} (M4's wide format: an id, then the values) from the
 * folder given with {@link Catalogue}'s reader, forecasts 13 steps with every {@link M4Benchmarks} method (m = 1, as the
 * competition used for weekly data), scores them with {@link M4Metrics} and prints the averages
 * beside the published ones. Nothing of the data is written anywhere, unless a second argument
 * names a file for the forecasts (long format: id, method, 13 values), for comparing series by
 * series with another implementation.
 *
 * <pre>
 *   mvn -B -q package -DskipTests
 *   java -cp target/rnnkit.jar bench/M4WeeklyBenchmarks.java ../shared/datasets/m4-weekly
 * </pre>
 */
public class M4WeeklyBenchmarks {
  static final int HORIZON = 13;
  static final int SEASON = 1;

  /** The competition's published weekly averages (sMAPE, MASE, OWA); null where not published. */
  static final Map<String, double[]> PUBLISHED =
      Map.of(
          "naive2", new double[] {9.161, 2.777, 1.000},
          "ses", new double[] {9.012, 2.685, 0.975},
          "damped", new double[] {8.866, 2.404, 0.917},
          "theta", new double[] {9.093, 2.637, 0.971});

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    long readStart = System.nanoTime();
    var options = Catalogue.Options.defaults().withSeason(SEASON);
    List<CatalogueSeries> train = Catalogue.read(folder.resolve("Weekly-train.csv"), options).series();
    List<CatalogueSeries> test = Catalogue.read(folder.resolve("Weekly-test.csv"), options).series();
    System.out.printf(Locale.ROOT, "read %d + %d series in %.2f s%n", train.size(), test.size(),
        (System.nanoTime() - readStart) / 1e9);
    PrintWriter out = args.length > 1 ? new PrintWriter(Files.newBufferedWriter(Path.of(args[1]))) : null;
    Map<String, List<M4Metrics.Score>> scores = new LinkedHashMap<>();
    M4Benchmarks.NAMES.forEach(name -> scores.put(name, new ArrayList<>()));
    long start = System.nanoTime();
    for (int i = 0; i < train.size(); i++) {
      CatalogueSeries history = train.get(i);
      double[] actual = test.get(i).values();
      if (!history.id().equals(test.get(i).id()) || actual.length != HORIZON) {
        throw new IllegalStateException("train and test rows differ at " + history.id());
      }
      Map<String, double[]> forecasts =
          M4Benchmarks.forecastAll(history.values(), SEASON, HORIZON);
      for (var e : forecasts.entrySet()) {
        scores.get(e.getKey()).add(M4Metrics.score(history.values(), actual, e.getValue(), SEASON));
        if (out != null) {
          StringBuilder line = new StringBuilder(history.id() + "," + e.getKey());
          for (double v : e.getValue()) {
            line.append(',').append(v);
          }
          out.println(line);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (out != null) {
      out.close();
    }
    M4Metrics.Score naive2 = M4Metrics.mean(scores.get("naive2"));
    System.out.printf(Locale.ROOT, "M4 weekly, %d series, horizon %d, m = %d%n%n", train.size(), HORIZON, SEASON);
    System.out.printf(Locale.ROOT, "%-8s %8s %8s %8s   %8s %8s %8s%n",
        "method", "sMAPE", "MASE", "OWA", "pub.sMAPE", "pub.MASE", "pub.OWA");
    for (var e : scores.entrySet()) {
      M4Metrics.Score mean = M4Metrics.mean(e.getValue());
      double[] p = PUBLISHED.get(e.getKey());
      System.out.printf(Locale.ROOT, "%-8s %8.3f %8.3f %8.3f   %s%n", e.getKey(), mean.sMape(), mean.mase(),
          M4Metrics.owa(mean, naive2),
          p == null ? "(not published for weekly)"
              : String.format(Locale.ROOT, "%8.3f %8.3f %8.3f", p[0], p[1], p[2]));
    }
    System.out.printf(Locale.ROOT, "%nforecasting and scoring took %.1f s (%.0f series/s)%n", seconds,
        train.size() / seconds);
  }
}
