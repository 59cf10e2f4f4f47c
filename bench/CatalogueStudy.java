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
 * values, m = 1): sMAPE, MASE, OWA against Naive2 (the naive forecast for weekly data), 95%
 * coverage and MSIS, and the time. The M4 files are read from the folder given; nothing of them is
 * written anywhere.
 *
 * <pre>
 *   java -cp target/rnnkit.jar bench/CatalogueStudy.java ../shared/datasets/m4-weekly [global|local] [sample]
 * </pre>
 *
 * {@code sample} forecasts a seeded random sample of that many series (default: all 359).
 * {@code -Dorigins=K}, {@code -Depochs=N}, {@code -Dhidden=N}, {@code -Dwindow=W},
 * {@code -Dper=N} (windows per series), {@code -Densemble=N}, {@code -Dpatience=N},
 * {@code -Dlr=X} change the global model's defaults (for studies; quote only the defaults).
 */
public class CatalogueStudy {
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    String kind = args.length > 1 ? args[1] : "global";
    int sample = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
    List<SeriesInput> catalogue = readWeekly(folder, sample);
    int origins = Integer.getInteger("origins", -1);
    GlobalConfig.Builder b = GlobalConfig.defaults().toBuilder();
    if (Integer.getInteger("epochs") != null) b.epochs(Integer.getInteger("epochs"));
    if (Integer.getInteger("hidden") != null) b.hidden(Integer.getInteger("hidden"));
    if (Integer.getInteger("window") != null) b.window(Integer.getInteger("window"));
    if (Integer.getInteger("per") != null) b.windowsPerSeries(Integer.getInteger("per"));
    if (Integer.getInteger("ensemble") != null) b.ensemble(Integer.getInteger("ensemble"));
    if (Integer.getInteger("patience") != null) b.patience(Integer.getInteger("patience"));
    if (System.getProperty("lr") != null) b.learningRate(Double.parseDouble(System.getProperty("lr")));
    CatalogueModel model =
        kind.equals("local")
            ? new LocalModel(ForecastConfig.defaults(), i -> System.err.println("local: series " + (i + 1) + " fitted"))
            : new GlobalForecaster(b.build());
    List<Forecaster> baselines = org.rnnkit.forecast.m4.M4Benchmarks.all(1);
    var setup =
        new Backtest.Setup(13, true, origins >= 0 ? origins : 3, 1, new double[] {0.8, 0.95});
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
    System.out.printf(Locale.ROOT, "%d series (%d forecast), %s, origins %d, %s%n",
        catalogue.size(), r.forecastCount(), kind, setup.origins(),
        kind.equals("local") ? "" : b.build());
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

  /** Train and test rows joined: each series is its training values, then its 13 test values. */
  static List<SeriesInput> readWeekly(Path folder, int sample) throws IOException {
    List<String> train = Files.readAllLines(folder.resolve("Weekly-train.csv"));
    List<String> test = Files.readAllLines(folder.resolve("Weekly-test.csv"));
    List<SeriesInput> out = new ArrayList<>();
    for (int i = 1; i < train.size(); i++) {
      String[] a = train.get(i).split(",");
      String[] t = test.get(i).split(",");
      String id = a[0].replace("\"", "");
      if (!id.equals(t[0].replace("\"", ""))) throw new IllegalStateException("rows differ at " + i);
      List<Double> v = new ArrayList<>();
      for (int k = 1; k < a.length; k++) {
        String s = a[k].replace("\"", "");
        if (!s.isEmpty()) v.add(Double.parseDouble(s));
      }
      for (int k = 1; k < t.length; k++) {
        String s = t[k].replace("\"", "");
        if (!s.isEmpty()) v.add(Double.parseDouble(s));
      }
      out.add(SeriesInput.of(id, TimeSeries.of(id, v.stream().mapToDouble(Double::doubleValue).toArray())));
    }
    if (sample < out.size()) {
      java.util.Collections.shuffle(out, new Random(1));
      out = new ArrayList<>(out.subList(0, sample));
    }
    return out;
  }
}
