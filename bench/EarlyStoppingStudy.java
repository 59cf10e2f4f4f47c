import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.rnnkit.data.Datasets;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.forecast.ForecastConfig;
import org.rnnkit.forecast.HoldoutEvaluation;
import org.rnnkit.forecast.RecurrentForecaster;

/**
 * Compares early-stopping settings of the forecaster on the three shipped series (last 24 values
 * held out) and on a random sample of M4 weekly series (horizon 13, the competition's test values,
 * MASE with m = 1). The M4 files are read from a folder given on the command line; nothing of them
 * is written anywhere.
 *
 * <pre>
 *   mvn -B -q package -DskipTests
 *   java -cp target/rnnkit.jar bench/EarlyStoppingStudy.java ../shared/datasets/m4-weekly 20 \
 *       base:30:0 min50:30:50 min100:30:100
 * </pre>
 *
 * Each setting is name:patience:minEpochs. Prints one line per series and setting, then means.
 * {@code -DmaxLength=N} samples only series of at most N training values, {@code -Dm4only=true}
 * leaves out the shipped series.
 */
public class EarlyStoppingStudy {
  record Setting(String name, ForecastConfig config) {}

  public static void main(String[] args) throws IOException {
    Path m4 = Path.of(args[0]);
    int sampleSize = Integer.parseInt(args[1]);
    int maxLength = Integer.parseInt(System.getProperty("maxLength", "100000"));
    boolean shippedToo = !Boolean.getBoolean("m4only");
    List<Setting> settings = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String[] p = args[i].split(":");
      settings.add(
          new Setting(
              p[0],
              ForecastConfig.builder()
                  .patience(Integer.parseInt(p[1]))
                  .minEpochs(Integer.parseInt(p[2]))
                  .build()));
    }
    List<TimeSeries> shipped = new ArrayList<>();
    for (String name : List.of("AirPassengers", "co2", "sunspot.month")) {
      shipped.add(Datasets.load(name));
    }
    List<TimeSeries> weekly = sample(m4, sampleSize, maxLength);
    System.out.printf("%-14s %-8s %8s %8s %8s %8s %8s %s%n",
        "series", "setting", "MASE", "sMAPE", "cover", "hwMASE", "naiveMASE", "restored");
    double[][] m4Sum = new double[settings.size()][3];
    for (TimeSeries s : shippedToo ? shipped : List.<TimeSeries>of()) {
      for (int k = 0; k < settings.size(); k++) {
        run(s, s.frequency().season(), 24, settings.get(k), null);
      }
    }
    for (TimeSeries s : weekly) {
      for (int k = 0; k < settings.size(); k++) {
        run(s, 1, 13, settings.get(k), m4Sum[k]);
      }
    }
    System.out.printf("%nM4 weekly sample of %d: mean MASE, mean sMAPE, mean coverage%n", weekly.size());
    for (int k = 0; k < settings.size(); k++) {
      System.out.printf(Locale.ROOT, "%-8s %8.3f %8.3f %8.3f%n", settings.get(k).name(),
          m4Sum[k][0] / weekly.size(), m4Sum[k][1] / weekly.size(), m4Sum[k][2] / weekly.size());
    }
  }

  static void run(TimeSeries s, int season, int holdout, Setting setting, double[] sum) {
    var eval = HoldoutEvaluation.run(
        s, season, holdout, holdout, new RecurrentForecaster(setting.config(), season, null));
    var m = eval.metrics().get(eval.model());
    int[] restored = eval.fitted().histories().stream().mapToInt(h -> h.restoredEpoch()).toArray();
    System.out.printf(Locale.ROOT, "%-14s %-8s %8.3f %8.3f %8.3f %8.3f %8.3f %s%n", s.name(), setting.name(),
        m.get("MASE"), m.get("sMAPE"), eval.coverage(),
        eval.metrics().get("holt_winters") == null ? Double.NaN : eval.metrics().get("holt_winters").get("MASE"),
        eval.metrics().get("naive").get("MASE"), Arrays.toString(restored));
    if (sum != null) {
      sum[0] += m.get("MASE");
      sum[1] += m.get("sMAPE");
      sum[2] += eval.coverage();
    }
  }

  /** A seeded random sample of the M4 weekly series, each its training values then its 13 test values. */
  static List<TimeSeries> sample(Path folder, int n, int maxLength) throws IOException {
    List<String> train = Files.readAllLines(folder.resolve("Weekly-train.csv"));
    List<String> test = Files.readAllLines(folder.resolve("Weekly-test.csv"));
    List<Integer> rows = new ArrayList<>();
    for (int i = 1; i < train.size(); i++) {
      rows.add(i);
    }
    Collections.shuffle(rows, new Random(2020));
    List<TimeSeries> out = new ArrayList<>();
    for (int r : rows) {
      double[] a = values(train.get(r));
      if (a.length > maxLength) {
        continue;
      }
      if (out.size() == n) {
        break;
      }
      double[] b = values(test.get(r));
      double[] all = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      out.add(TimeSeries.of(train.get(r).split(",")[0].replace("\"", ""), all));
    }
    return out;
  }

  static double[] values(String row) {
    return Arrays.stream(row.split(",")).skip(1).map(v -> v.replace("\"", ""))
        .filter(v -> !v.isEmpty()).mapToDouble(Double::parseDouble).toArray();
  }
}
