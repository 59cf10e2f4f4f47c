import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.rnnkit.forecast.catalogue.ConformalIntervals;
import org.rnnkit.forecast.catalogue.GlobalConfig;
import org.rnnkit.forecast.catalogue.GlobalForecaster;
import org.rnnkit.forecast.catalogue.NormalisedScore;

/**
 * Fits the global model once per catalogue (its defaults, the catalogue command's protocol: test
 * part of H, K = 3 backtest origins, the network fitted on what precedes them) and saves its
 * forecasts at every origin to /tmp, so interval methods can be compared in seconds over that file
 * ({@code eval}). Catalogues: M4's 359 weekly series read from the folder given (only the
 * forecasts are saved; the values are read again from there), and seeded synthetic catalogues of
 * other frequencies (hourly, monthly, quarterly, yearly) with per-series noise levels.
 *
 * <pre>
 *   java -cp target/classes:DEPS bench/IntervalStudy.java fit  ../shared/datasets/m4-weekly [names]
 *   java -cp target/classes:DEPS bench/IntervalStudy.java eval ../shared/datasets/m4-weekly [names]
 * </pre>
 *
 * {@code eval} chooses on the backtest origins only (calibrate on origins 2 and 3, score origin 1,
 * and the other two leave-one-origin-out splits) and then prints the test part's coverage and MSIS
 * (calibrated on origins 1..3, as shipped) for the record.
 */
public class IntervalStudy {
  static final int ORIGINS = 3;

  record Catalogue(String name, int season, int horizon, List<double[]> series) {}

  public static void main(String[] args) throws Exception {
    Path m4 = Path.of(args[1]);
    List<String> names =
        args.length > 2 ? List.of(args[2].split(",")) : List.of("weekly", "hourly", "monthly", "quarterly", "yearly");
    for (String name : names) {
      Catalogue c = catalogue(name, m4);
      Path file = Path.of("/tmp/intervals-" + name + ".bin");
      if (args[0].equals("fit")) {
        fit(c, file);
      } else {
        Eval.run(c, read(file, c));
      }
    }
  }

  static Catalogue catalogue(String name, Path m4) throws IOException {
    return switch (name) {
      case "weekly" -> new Catalogue(name, 1, 13, weekly(m4));
      case "hourly" -> new Catalogue(name, 24, 48, synthetic(name, 60, 24, 400, 800, 1));
      case "monthly" -> new Catalogue(name, 12, 18, synthetic(name, 60, 12, 90, 300, 2));
      case "quarterly" -> new Catalogue(name, 4, 8, synthetic(name, 60, 4, 50, 120, 3));
      case "yearly" -> new Catalogue(name, 1, 6, synthetic(name, 60, 1, 35, 60, 4));
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * Positive series: level(t) = exp(random walk with drift) times a season of random amplitude,
   * times multiplicative noise whose level differs per series (1% to 20%) and doubles or halves
   * halfway for a third of them (volatility that changes), at a random scale.
   */
  static List<double[]> synthetic(String name, int count, int m, int minN, int maxN, long seed) {
    Random rng = new Random(seed);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = minN + rng.nextInt(maxN - minN + 1);
      double noise = 0.01 * Math.pow(20, rng.nextDouble());
      double drift = 0.004 * rng.nextGaussian();
      double walk = noise * (0.2 + 0.8 * rng.nextDouble());
      double amplitude = m > 1 ? 0.3 * rng.nextDouble() : 0;
      double scale = Math.pow(10, 1 + 3 * rng.nextDouble());
      double change = rng.nextDouble() < 1.0 / 3 ? (rng.nextBoolean() ? 2 : 0.5) : 1;
      double phase = rng.nextDouble() * 2 * Math.PI;
      double level = 0;
      double[] y = new double[n];
      for (int t = 0; t < n; t++) {
        double sd = t < n / 2 ? noise : noise * change;
        level += drift + walk * (t < n / 2 ? 1 : change) * rng.nextGaussian();
        double s = m > 1 ? amplitude * Math.sin(2 * Math.PI * t / m + phase) : 0;
        y[t] = scale * Math.exp(level + s + sd * rng.nextGaussian());
      }
      out.add(y);
    }
    return out;
  }

  /** Train and test rows joined: each series is its training values, then its 13 test values. */
  static List<double[]> weekly(Path folder) throws IOException {
    List<String> train = Files.readAllLines(folder.resolve("Weekly-train.csv"));
    List<String> test = Files.readAllLines(folder.resolve("Weekly-test.csv"));
    List<double[]> out = new ArrayList<>();
    for (int i = 1; i < train.size(); i++) {
      List<Double> v = new ArrayList<>();
      for (String[] row : List.of(train.get(i).split(","), test.get(i).split(","))) {
        for (int k = 1; k < row.length; k++) {
          String s = row[k].replace("\"", "");
          if (!s.isEmpty()) v.add(Double.parseDouble(s));
        }
      }
      out.add(v.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return out;
  }

  static void fit(Catalogue c, Path file) throws IOException {
    int h = c.horizon();
    List<double[]> fitted = new ArrayList<>();
    for (double[] y : c.series()) {
      fitted.add(Arrays.copyOf(y, y.length - h - ORIGINS * h));
    }
    long start = System.nanoTime();
    var model = new GlobalForecaster(GlobalConfig.defaults()).fit(fitted, c.season(), h, null);
    int[] which = IntStream.range(0, fitted.size()).toArray();
    double[][][] f = new double[ORIGINS + 1][][];
    for (int k = 0; k <= ORIGINS; k++) {
      List<double[]> histories = new ArrayList<>();
      for (double[] y : c.series()) {
        histories.add(Arrays.copyOf(y, y.length - h - k * h));
      }
      f[k] = model.forecast(which, histories, h);
    }
    try (var out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(c.series().size());
      for (int i = 0; i < c.series().size(); i++) {
        for (int k = 0; k <= ORIGINS; k++) {
          for (double v : f[k][i]) out.writeDouble(v);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s: %d series fitted in %.0f s%n", c.name(), c.series().size(), (System.nanoTime() - start) / 1e9);
  }

  /** forecasts[i][k][h]: series i, origin k (0 the test part), step h. */
  static double[][][] read(Path file, Catalogue c) throws IOException {
    try (var in = new DataInputStream(Files.newInputStream(file))) {
      int n = in.readInt();
      double[][][] f = new double[n][ORIGINS + 1][c.horizon()];
      for (double[][] s : f) for (double[] o : s) for (int j = 0; j < o.length; j++) o[j] = in.readDouble();
      return f;
    }
  }

  /** A conformity score: additive or in logs, divided by a per-history scale. */
  record Method(String name, boolean log, int recent, double own) {
    /** The scale of a history (in logs when {@code log}): MAE of its m-differences, over the last {@code recent} (0: all). */
    double sigma(double[] x, int m) {
      double[] v = log ? Arrays.stream(x).map(Math::log).toArray() : x;
      int from = recent > 0 ? Math.max(m, v.length - recent) : m;
      double sum = 0;
      for (int t = from; t < v.length; t++) sum += Math.abs(v[t] - v[t - m]);
      return sum / (v.length - from);
    }

    double score(double actual, double forecast, double sigma) {
      return log ? (Math.log(actual) - Math.log(forecast)) / sigma : (actual - forecast) / sigma;
    }

    double end(double forecast, double q, double sigma) {
      return log ? forecast * Math.exp(q * sigma) : forecast + q * sigma;
    }
  }

  static final class Eval {
    static void run(Catalogue c, double[][][] f) {
      int h = c.horizon();
      int m = c.season();
      List<Method> methods = new ArrayList<>();
      for (boolean log : new boolean[] {false, true}) {
        for (int recent : new int[] {0, 2 * h, 4 * h, 8 * h}) {
          for (double own : new double[] {0, 0.5, 1}) {
            if (own == 1 && recent != 0) continue;
            methods.add(new Method((log ? "log" : "add") + (recent == 0 ? "-all" : "-last" + recent) + (own > 0 ? "-own" + own : ""), log, recent, own));
          }
        }
      }
      System.out.printf(Locale.ROOT, "%s: %d series, m %d, H %d%n", c.name(), f.length, m, h);
      System.out.printf("%-14s %-9s %8s %8s %8s %8s%n", "method", "split", "cov80", "cov95", "MSIS", "IS80");
      for (Method method : methods) {
        double[] dev = new double[4];
        int[][] splits = {{1, 2, 3}, {2, 1, 3}, {3, 1, 2}};
        for (int[] split : splits) {
          double[] r = evaluate(c, f, method, split[0], new int[] {split[1], split[2]});
          for (int j = 0; j < 4; j++) dev[j] += r[j] / splits.length;
        }
        print(method.name(), "dev", dev);
      }
      // the shipped protocol on the test part, for the record
      for (Method method : methods) {
        print(method.name(), "TEST", evaluate(c, f, method, 0, new int[] {1, 2, 3}));
      }
      Method chosen = new Method("add-last" + 4 * h + "-own0.5", false, 4 * h, 0.5);
      print(chosen.name(), "forward", evaluate(c, f, chosen, 1, new int[] {2, 3}));
      print("shipped", "forward", shippedDev(c, f));
      print("shipped", "TEST", shipped(c, f, 0, new int[] {1, 2, 3}));
      // the shipped method of last session: additive, scale of the fitted part, fixed per series
      print("add-fitted", "TEST", evaluate(c, f, new Method("add-fitted", false, -1, 0), 0, new int[] {1, 2, 3}));
    }

    /** The forward split only (calibrate on origins 2 and 3, score origin 1): the library refuses backcasts after the origin. */
    static double[] shippedDev(Catalogue c, double[][][] f) {
      return shipped(c, f, 1, new int[] {2, 3});
    }

    /** NormalisedScore and ConformalIntervals as shipped: calibrated on the given origins, scored at `at`. */
    static double[] shipped(Catalogue c, double[][][] f, int at, int[] calibration) {
      int h = c.horizon();
      List<double[][]> scores = new ArrayList<>();
      int[][] origins = new int[f.length][];
      double[][][] backcasts = new double[f.length][][];
      for (int i = 0; i < f.length; i++) {
        origins[i] = new int[calibration.length];
        backcasts[i] = new double[calibration.length][];
        for (int j = 0; j < calibration.length; j++) {
          origins[i][j] = history(c, i, calibration[j]).length;
          backcasts[i][j] = f[i][calibration[j]];
        }
        scores.add(NormalisedScore.scores(c.series().get(i), origins[i], backcasts[i], c.season()));
      }
      var intervals = ConformalIntervals.calibrateSeries(scores, 0.8, 0.95);
      double[] sum = new double[4];
      double[] levels = {0.8, 0.95};
      for (int i = 0; i < f.length; i++) {
        double[] x = history(c, i, at);
        double[] actual = Arrays.copyOfRange(c.series().get(i), x.length, x.length + h);
        double scale = NormalisedScore.scale(c.series().get(i), x.length, h, origins[i], backcasts[i], c.season());
        boolean nonNegative = Arrays.stream(x).allMatch(v -> v >= 0);
        for (int j = 0; j < 2; j++) {
          double[][] band = intervals.interval(j, f[i][at], scale, nonNegative);
          var score = org.rnnkit.forecast.m4.M4Metrics.intervalScore(x, actual, band[0], band[1], c.season(), 1 - levels[j]);
          sum[j] += score.coverage();
          sum[j == 1 ? 2 : 3] += score.msis();
        }
      }
      for (int j = 0; j < 4; j++) sum[j] /= f.length;
      return sum;
    }

    static void print(String name, String split, double[] r) {
      System.out.printf(Locale.ROOT, "%-14s %-9s %8.3f %8.3f %8.2f %8.2f%n", name, split, r[0], r[1], r[2], r[3]);
    }

    static double[] history(Catalogue c, int i, int k) {
      double[] y = c.series().get(i);
      return Arrays.copyOf(y, y.length - c.horizon() - k * c.horizon());
    }

    /** The scale of series i at origin k; `own` uses its errors at the calibration origins other than k. */
    static double sigma(Catalogue c, double[][][] f, Method method, int i, int k, int[] calibration) {
      if (method.recent() < 0) {
        return new Method("", false, 0, 0).sigma(history(c, i, ORIGINS), c.season());
      }
      double base = method.sigma(history(c, i, k), c.season());
      if (method.own() == 0) return base;
      double sum = 0;
      int count = 0;
      for (int j : calibration) {
        if (j == k) continue;
        double[] x = history(c, i, j);
        for (int s = 0; s < c.horizon(); s++) {
          double a = c.series().get(i)[x.length + s];
          sum += Math.abs(method.score(a, f[i][j][s], 1));
          count++;
        }
      }
      double own = sum / count / Math.sqrt((c.horizon() + 1) / 2.0);
      return Math.pow(base, 1 - method.own()) * Math.pow(own, method.own());
    }

    /** {coverage 80, coverage 95, MSIS, scaled interval score at 80%} over the series at origin `at`. */
    static double[] evaluate(Catalogue c, double[][][] f, Method method, int at, int[] calibration) {
      int h = c.horizon();
      double[] levels = {0.8, 0.95};
      double[][] lo = new double[2][h];
      double[][] hi = new double[2][h];
      for (int s = 0; s < h; s++) {
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < f.length; i++) {
          for (int k : calibration) {
            double[] x = history(c, i, k);
            double actual = c.series().get(i)[x.length + s];
            scores.add(method.score(actual, f[i][k][s], sigma(c, f, method, i, k, calibration)));
          }
        }
        double[] e = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        for (int j = 0; j < 2; j++) {
          double alpha = 1 - levels[j];
          int l = Math.max(1, (int) Math.floor((e.length + 1) * alpha / 2 + 1e-9));
          int u = Math.min(e.length, (int) Math.ceil((e.length + 1) * (1 - alpha / 2) - 1e-9));
          lo[j][s] = e[l - 1];
          hi[j][s] = e[u - 1];
        }
      }
      double[] sum = new double[4];
      for (int i = 0; i < f.length; i++) {
        double[] x = history(c, i, at);
        double[] actual = Arrays.copyOfRange(c.series().get(i), x.length, x.length + h);
        double sigma = sigma(c, f, method, i, at, calibration);
        boolean nonNegative = Arrays.stream(x).allMatch(v -> v >= 0);
        for (int j = 0; j < 2; j++) {
          double[] a = new double[h];
          double[] b = new double[h];
          for (int s = 0; s < h; s++) {
            a[s] = method.end(f[i][at][s], lo[j][s], sigma);
            b[s] = method.end(f[i][at][s], hi[j][s], sigma);
            if (nonNegative) a[s] = Math.max(0, a[s]);
          }
          var score = org.rnnkit.forecast.m4.M4Metrics.intervalScore(x, actual, a, b, c.season(), 1 - levels[j]);
          sum[j] += score.coverage();
          sum[j == 1 ? 2 : 3] += score.msis();
        }
      }
      for (int j = 0; j < 4; j++) sum[j] /= f.length;
      return sum;
    }
  }
}
