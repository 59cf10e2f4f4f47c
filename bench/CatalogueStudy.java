import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.forecast.Baselines;
import org.rnnkit.forecast.ForecastConfig;
import org.rnnkit.forecast.Forecaster;
import org.rnnkit.forecast.catalogue.Backtest;
import org.rnnkit.forecast.catalogue.CatalogueModel;
import org.rnnkit.forecast.catalogue.CatalogueResult;
import org.rnnkit.forecast.catalogue.GlobalConfig;
import org.rnnkit.forecast.catalogue.GlobalForecaster;
import org.rnnkit.forecast.catalogue.LocalModel;
import org.rnnkit.forecast.catalogue.SeriesInput;

/**
 * Measures the catalogue forecaster on M4's weekly series (horizon 13, the competition's test
 * values, m = 1), on other frequencies, or on the weekly training parts alone: sMAPE, MASE, OWA
 * against Naive2, 95% coverage and MSIS, and the time. The M4 files are read from the folder given;
 * nothing of them is written anywhere.
 *
 * <pre>
 *   java -cp target/rnnkit.jar bench/CatalogueStudy.java SOURCE [global|local] [sample]
 * </pre>
 *
 * SOURCE is one of
 *
 * <ul>
 *   <li>{@code ../shared/datasets/m4-weekly}: the 359 weekly series, scored on M4's test values;
 *   <li>{@code validation:../shared/datasets/m4-weekly}: the weekly TRAINING parts only, their last
 *       13 values held out as the test part (for choosing settings without the test values);
 *   <li>{@code csv:FILE:m:h}: rows {@code id,v1,v2,...} of season m, horizon h (e.g. the R datasets
 *       written by {@code bench/catalogue-r/export-datasets.R});
 *   <li>{@code synthetic:yearly|quarterly|hourly}: seeded series made here (see {@link
 *       #synthetic}).
 * </ul>
 *
 * {@code sample} forecasts a seeded random sample of that many series (default: all).
 * {@code -Dorigins=K}, {@code -Depochs=N}, {@code -Dhidden=N}, {@code -Dwindow=W},
 * {@code -Dper=N} (windows per series), {@code -Densemble=N}, {@code -Dpatience=N},
 * {@code -Dlr=X}, {@code -DminHistory=N}, {@code -Dseed=S}, {@code -Dloss=mae|huber|mse} change the global model's defaults, {@code -Drefit=false}
 * fits the network once, {@code -Dcombine=none} scores the network alone, {@code
 * -Dcombine=median:damped,theta} always combines (the default, {@code auto}, lets the backtest
 * choose, as {@code catalogue} does) and {@code -Dcombine=mean:ses,holt} another combination (for studies; quote only the defaults).
 */
public class CatalogueStudy {
  public static void main(String[] args) throws IOException {
    String source = args[0];
    String kind = args.length > 1 ? args[1] : "global";
    int sample = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
    int season = 1;
    int horizon = 13;
    List<SeriesInput> catalogue;
    if (source.startsWith("csv:")) {
      String[] p = source.split(":");
      catalogue = readRows(Path.of(p[1]));
      season = Integer.parseInt(p[2]);
      horizon = Integer.parseInt(p[3]);
    } else if (source.startsWith("synthetic:")) {
      String which = source.substring("synthetic:".length());
      season = switch (which) { case "yearly" -> 1; case "quarterly" -> 4; default -> 24; };
      horizon = switch (which) { case "yearly" -> 6; case "quarterly" -> 8; default -> 48; };
      catalogue = synthetic(which);
    } else if (source.startsWith("validation:")) {
      catalogue = readWeekly(Path.of(source.substring("validation:".length())), false);
    } else {
      catalogue = readWeekly(Path.of(source), true);
    }
    if (sample < catalogue.size()) {
      java.util.Collections.shuffle(catalogue, new Random(1));
      catalogue = new ArrayList<>(catalogue.subList(0, sample));
    }
    int origins = Integer.getInteger("origins", -1);
    GlobalConfig.Builder b = GlobalConfig.defaults().toBuilder();
    if (Integer.getInteger("epochs") != null) b.epochs(Integer.getInteger("epochs"));
    if (Integer.getInteger("hidden") != null) b.hidden(Integer.getInteger("hidden"));
    if (Integer.getInteger("window") != null) b.window(Integer.getInteger("window"));
    if (Integer.getInteger("per") != null) b.windowsPerSeries(Integer.getInteger("per"));
    if (Integer.getInteger("ensemble") != null) b.ensemble(Integer.getInteger("ensemble"));
    if (Integer.getInteger("patience") != null) b.patience(Integer.getInteger("patience"));
    if (Integer.getInteger("minHistory") != null) b.minHistory(Integer.getInteger("minHistory"));
    if (Long.getLong("seed") != null) b.seed(Long.getLong("seed"));
    if (System.getProperty("loss") != null) b.loss(GlobalConfig.TrainingLoss.parse(System.getProperty("loss")));
    if (System.getProperty("lr") != null) b.learningRate(Double.parseDouble(System.getProperty("lr")));
    CatalogueModel model0 =
        kind.equals("local")
            ? new LocalModel(ForecastConfig.defaults(), i -> System.err.println("local: series " + (i + 1) + " fitted"))
            : new GlobalForecaster(b.build());
    CatalogueModel model = model0;
    List<Forecaster> baselines = org.rnnkit.forecast.m4.M4Benchmarks.all(season);
    // the shipped default (auto): the network alone or its median with Damped and Theta, as the backtest chooses
    String combine = System.getProperty("combine", "auto");
    if (combine.equals("auto")) {
      List<Forecaster> with = baselines.stream().filter(f -> f.name().equals("damped") || f.name().equals("theta")).toList();
      model = org.rnnkit.forecast.catalogue.CombinedModel.chosenByBacktest(model, with);
    } else if (!combine.equals("none")) {
      String[] c = combine.split(":");
      List<Forecaster> with = new ArrayList<>();
      for (String name : c[1].split(",")) {
        with.add(baselines.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow());
      }
      model = new org.rnnkit.forecast.catalogue.CombinedModel(model, with,
          org.rnnkit.forecast.catalogue.CombinedModel.Rule.valueOf(c[0].toUpperCase(Locale.ROOT)));
    }
    var setup =
        new Backtest.Setup(horizon, true, origins >= 0 ? origins : 3, season, new double[] {0.8, 0.95},
            Boolean.parseBoolean(System.getProperty("refit", "true")));
    var cpu = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    org.rnnkit.train.TrainingListener epochs = new org.rnnkit.train.TrainingListener() {
      @Override public void onStart(org.rnnkit.train.TrainingConfig c, int batches) {}
      @Override public void onBatch(BatchEvent e) {}
      @Override public void onEpoch(EpochEvent e) {
        System.err.printf(Locale.ROOT, "epoch %d train %.4f val %.4f cpu %.1f s%n", e.epoch(), e.trainLoss(), e.validationLoss(), cpu.getProcessCpuTime() / 1e9);
      }
      @Override public void onEnd(org.rnnkit.train.History h) {
        System.err.println("member done, restored epoch " + h.restoredEpoch() + " of " + h.epochs().size());
      }
    };
    CatalogueResult r = Backtest.run(catalogue, setup, model, baselines, "naive2", epochs, null);
    System.out.printf(Locale.ROOT, "%s: %d series (%d forecast), %s, origins %d, %s%n",
        source, catalogue.size(), r.forecastCount(), kind, setup.origins(),
        kind.equals("local") ? "" : b.build() + ", refit " + setup.refit() + ", combine " + combine);
    if (r.combination() != null) System.out.println("final forecasts: " + r.combination().describe());
    print("test", r.test());
    print("backtest", r.backtest());
    System.out.printf(Locale.ROOT, "fit %.1f s, whole run %.1f s, %.2f series/s, process CPU %.1f s, load average %.1f%n",
        r.fitSeconds(), r.seconds(), catalogue.size() / r.seconds(), cpu.getProcessCpuTime() / 1e9,
        cpu.getSystemLoadAverage());
  }

  static void print(String what, CatalogueResult.Summary s) {
    if (s == null) return;
    System.out.printf("%s (%d forecasts):%n", what, s.scored());
    s.means().forEach((method, m) -> {
      System.out.printf(Locale.ROOT, "  %-8s OWA %.3f", method, s.owa().get(method));
      m.forEach((name, v) -> System.out.printf(Locale.ROOT, "  %s %.4f", name, v));
      System.out.println();
    });
  }

  /**
   * Each weekly series: its training values, then (with {@code test}) its 13 test values; without,
   * the training values alone, whose last 13 the study then holds out.
   */
  static List<SeriesInput> readWeekly(Path folder, boolean test) throws IOException {
    List<String> train = Files.readAllLines(folder.resolve("Weekly-train.csv"));
    List<String> tests = test ? Files.readAllLines(folder.resolve("Weekly-test.csv")) : null;
    List<SeriesInput> out = new ArrayList<>();
    for (int i = 1; i < train.size(); i++) {
      String[] a = train.get(i).split(",");
      String id = a[0].replace("\"", "");
      List<Double> v = new ArrayList<>();
      for (int k = 1; k < a.length; k++) {
        String s = a[k].replace("\"", "");
        if (!s.isEmpty()) v.add(Double.parseDouble(s));
      }
      if (test) {
        String[] t = tests.get(i).split(",");
        if (!id.equals(t[0].replace("\"", ""))) throw new IllegalStateException("rows differ at " + i);
        for (int k = 1; k < t.length; k++) {
          String s = t[k].replace("\"", "");
          if (!s.isEmpty()) v.add(Double.parseDouble(s));
        }
      }
      out.add(SeriesInput.of(id, TimeSeries.of(id, v.stream().mapToDouble(Double::doubleValue).toArray())));
    }
    return out;
  }

  /** Rows {@code id,v1,v2,...}. */
  static List<SeriesInput> readRows(Path file) throws IOException {
    List<SeriesInput> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] a = line.split(",");
      double[] y = new double[a.length - 1];
      for (int k = 1; k < a.length; k++) y[k - 1] = Double.parseDouble(a[k]);
      out.add(SeriesInput.of(a[0], TimeSeries.of(a[0], y)));
    }
    return out;
  }

  /**
   * Seeded synthetic catalogues, a third each of three kinds of trend, multiplicative noise (AR(1),
   * 2-6%), so that no one method is right for all:
   *
   * <ul>
   *   <li>yearly: 40 series of 25-60 values; compound growth of -2..8% a year, a random walk with
   *       drift, or a damped trend (phi 0.8-0.95) from a growth of 5-15%;
   *   <li>quarterly: 40 series of 40-100 values, the same trends per quarter and a multiplicative
   *       season of amplitude 0-30%;
   *   <li>hourly: 20 series of 300-700 values, a daily profile (two peaks, 20-60%), weekday vs
   *       weekend, a slow trend.
   * </ul>
   */
  static List<SeriesInput> synthetic(String which) {
    Random rng = new Random(which.hashCode());
    int count = which.equals("hourly") ? 20 : 40;
    List<SeriesInput> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = switch (which) {
        case "yearly" -> 25 + rng.nextInt(36);
        case "quarterly" -> 40 + rng.nextInt(61);
        default -> 300 + rng.nextInt(401);
      };
      double per = which.equals("quarterly") ? 0.25 : which.equals("hourly") ? 1.0 / 2000 : 1;
      double level = Math.log(100 + 900 * rng.nextDouble());
      double noise = 0.02 + 0.04 * rng.nextDouble();
      double ar = 0.5 * rng.nextDouble();
      int kind = i % 3;
      double growth = kind == 2 ? 0.05 + 0.10 * rng.nextDouble() : -0.02 + 0.10 * rng.nextDouble();
      double phi = 0.8 + 0.15 * rng.nextDouble();
      double amplitude = 0.3 * rng.nextDouble();
      double phase = 2 * Math.PI * rng.nextDouble();
      double[] y = new double[n];
      double e = 0;
      double slope = growth * per;
      for (int t = 0; t < n; t++) {
        e = ar * e + noise * Math.sqrt(1 - ar * ar) * rng.nextGaussian();
        switch (kind) {
          case 0 -> level += growth * per;
          case 1 -> level += growth * per + noise * rng.nextGaussian();
          default -> {
            level += slope;
            slope *= Math.pow(phi, per);
          }
        }
        double season = switch (which) {
          case "quarterly" -> amplitude * Math.sin(2 * Math.PI * t / 4 + phase);
          case "hourly" -> (0.2 + 0.4 * amplitude / 0.3) * (Math.sin(2 * Math.PI * t / 24 + phase) + 0.5 * Math.sin(4 * Math.PI * t / 24))
              - ((t / 24) % 7 >= 5 ? 0.15 : 0);
          default -> 0;
        };
        y[t] = Math.exp(level + season + e);
      }
      out.add(SeriesInput.of(which + i, TimeSeries.of(which + i, y)));
    }
    return out;
  }
}
