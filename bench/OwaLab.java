import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnkit.forecast.catalogue.GlobalConfig;
import org.rnnkit.forecast.catalogue.GlobalForecaster;
import org.rnnkit.forecast.m4.M4Benchmarks;
import org.rnnkit.forecast.m4.M4Metrics;

/**
 * A quick study of point accuracy on M4's weekly series: fits the global model ONCE on each series'
 * whole history (what the catalogue's refit does for the final forecast), caches its forecasts and
 * the M4 benchmarks' in /tmp/owalab, and prints OWA for the network, the benchmarks and
 * combinations of them. No intervals, no backtest: for choosing settings cheaply.
 *
 * <pre>
 *   java -cp target/rnnkit.jar:DEPS bench/OwaLab.java FOLDER validation|test TAG [-Dwindow=...]
 * </pre>
 *
 * validation: the weekly training parts with their last 13 values held out (choose settings here);
 * test: the training parts, scored on M4's test values (report only chosen settings). TAG names
 * the network's cached forecasts; -D options as in CatalogueStudy (window, epochs, hidden, per,
 * ensemble, patience, lr, minHistory, batch).
 */
public class OwaLab {
  static final int H = Integer.getInteger("h", 13);

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    boolean test = args[1].equals("test");
    String tag = args[2];
    List<double[]> histories = new ArrayList<>();
    List<double[]> actuals = new ArrayList<>();
    read(folder, test, histories, actuals);
    Path stats = Path.of("/tmp/owalab/" + args[1] + "-h" + H + "-stats.txt");
    Map<String, double[][]> f = new LinkedHashMap<>();
    if (!Files.exists(stats)) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < histories.size(); i++) {
        var all = M4Benchmarks.forecastAll(histories.get(i), 1, H).forecasts();
        for (var e : all.entrySet()) lines.add(i + " " + e.getKey() + " " + join(e.getValue()));
      }
      Files.write(stats, lines);
    }
    for (String line : Files.readAllLines(stats)) {
      String[] a = line.split(" ", 3);
      f.computeIfAbsent(a[1], k -> new double[histories.size()][])[Integer.parseInt(a[0])] = parse(a[2]);
    }
    for (String t : tag.split(",")) {
      Path net = Path.of("/tmp/owalab/" + args[1] + "-h" + H + "-net-" + t + ".txt");
      if (!Files.exists(net)) {
        GlobalConfig.Builder b = GlobalConfig.defaults().toBuilder();
        if (Integer.getInteger("epochs") != null) b.epochs(Integer.getInteger("epochs"));
        if (Integer.getInteger("hidden") != null) b.hidden(Integer.getInteger("hidden"));
        if (Integer.getInteger("window") != null) b.window(Integer.getInteger("window"));
        if (Integer.getInteger("per") != null) b.windowsPerSeries(Integer.getInteger("per"));
        if (Integer.getInteger("ensemble") != null) b.ensemble(Integer.getInteger("ensemble"));
        if (Integer.getInteger("patience") != null) b.patience(Integer.getInteger("patience"));
        if (Integer.getInteger("minHistory") != null) b.minHistory(Integer.getInteger("minHistory"));
        if (Integer.getInteger("batch") != null) b.batchSize(Integer.getInteger("batch"));
        if (System.getProperty("loss") != null) b.loss(GlobalConfig.TrainingLoss.parse(System.getProperty("loss")));
        if (Long.getLong("seed") != null) b.seed(Long.getLong("seed"));
        if (System.getProperty("lr") != null) b.learningRate(Double.parseDouble(System.getProperty("lr")));
        GlobalConfig config = b.build();
        var cpu = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = cpu.getProcessCpuTime();
        long t0 = System.nanoTime();
        var model = new GlobalForecaster(config).fit(histories, 1, H, null);
        double[][] out = model.forecast(java.util.stream.IntStream.range(0, histories.size()).toArray(), histories, H);
        System.out.printf(Locale.ROOT, "%s: %s fit+forecast %.1f s wall, %.1f s CPU, load %.1f%n", t, config,
            (System.nanoTime() - t0) / 1e9, (cpu.getProcessCpuTime() - c0) / 1e9, cpu.getSystemLoadAverage());
        List<String> lines = new ArrayList<>();
        for (double[] o : out) lines.add(join(o));
        Files.write(net, lines);
      }
      double[][] nf = Files.readAllLines(net).stream().map(OwaLab::parse).toArray(double[][]::new);
      f.put("net-" + t, nf);
    }
    double[][] naive2 = f.get("naive2");
    Map<String, double[][]> rows = new LinkedHashMap<>(f);
    for (String t : tag.split(",")) {
      double[][] nf = f.get("net-" + t);
      rows.put("med(" + t + ",damped,theta)", combine(true, nf, f.get("damped"), f.get("theta")));
      rows.put("med(" + t + ",damped,theta,ses,holt)", combine(true, nf, f.get("damped"), f.get("theta"), f.get("ses"), f.get("holt")));
      rows.put("mean(" + t + ",damped,theta)", combine(false, nf, f.get("damped"), f.get("theta")));
      rows.put("mean(" + t + ",damped)", combine(false, nf, f.get("damped")));
      rows.put("mean(" + t + ",comb)", combine(false, nf, f.get("comb")));
    }
    if (tag.contains(",")) {
      double[][][] nets = Arrays.stream(tag.split(",")).map(t -> f.get("net-" + t)).toArray(double[][][]::new);
      rows.put("med(nets)", combine(true, nets));
      rows.put("mean(nets)", combine(false, nets));
      double[][][] plus = Arrays.copyOf(nets, nets.length + 2);
      plus[nets.length] = f.get("damped");
      plus[nets.length + 1] = f.get("theta");
      rows.put("med(nets,damped,theta)", combine(true, plus));
    }
    for (var e : rows.entrySet()) {
      double s = 0, m = 0, s2 = 0, m2 = 0;
      for (int i = 0; i < histories.size(); i++) {
        var sc = M4Metrics.score(histories.get(i), actuals.get(i), e.getValue()[i], 1);
        var n2 = M4Metrics.score(histories.get(i), actuals.get(i), naive2[i], 1);
        s += sc.sMape(); m += sc.mase(); s2 += n2.sMape(); m2 += n2.mase();
      }
      System.out.printf(Locale.ROOT, "%-40s OWA %.4f  sMAPE %.3f  MASE %.3f%n", e.getKey(), 0.5 * (s / s2 + m / m2),
          s / histories.size(), m / histories.size());
    }
  }

  static double[][] combine(boolean median, double[][]... parts) {
    int n = parts[0].length;
    double[][] out = new double[n][H];
    double[] col = new double[parts.length];
    for (int i = 0; i < n; i++)
      for (int h = 0; h < H; h++) {
        for (int p = 0; p < parts.length; p++) col[p] = parts[p][i][h];
        Arrays.sort(col);
        out[i][h] = median ? (col.length % 2 == 1 ? col[col.length / 2] : (col[col.length / 2 - 1] + col[col.length / 2]) / 2)
            : Arrays.stream(col).average().orElseThrow();
      }
    return out;
  }

  static String join(double[] v) {
    StringBuilder sb = new StringBuilder();
    for (double x : v) sb.append(sb.length() == 0 ? "" : ",").append(x);
    return sb.toString();
  }

  static double[] parse(String s) {
    return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  static void read(Path folder, boolean test, List<double[]> histories, List<double[]> actuals) throws IOException {
    List<String> train = Files.readAllLines(folder.resolve("Weekly-train.csv"));
    List<String> tests = Files.readAllLines(folder.resolve("Weekly-test.csv"));
    for (int i = 1; i < train.size(); i++) {
      double[] y = values(train.get(i));
      if (test) {
        histories.add(y);
        actuals.add(values(tests.get(i)));
      } else {
        histories.add(Arrays.copyOf(y, y.length - H));
        actuals.add(Arrays.copyOfRange(y, y.length - H, y.length));
      }
    }
  }

  static double[] values(String line) {
    String[] a = line.split(",");
    List<Double> v = new ArrayList<>();
    for (int k = 1; k < a.length; k++) {
      String s = a[k].replace("\"", "");
      if (!s.isEmpty()) v.add(Double.parseDouble(s));
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
