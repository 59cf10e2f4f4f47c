package org.rnnkit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnkit.forecast.catalogue.Backtest;
import org.rnnkit.forecast.catalogue.CatalogueResult;
import org.rnnkit.forecast.catalogue.SeriesResult;
import org.rnnkit.io.AtomicFile;
import org.rnnkit.io.Json;

/**
 * The tables of a {@code catalogue} run, each written atomically: {@code forecasts.csv} (long: one
 * row per series and step), {@code metrics.csv} (one row per series, method and origin, or one
 * error row for a series that was not forecast) and {@code metrics.json} (the averages, OWA,
 * coverage, calibration and times).
 */
final class CatalogueFiles {
  private CatalogueFiles() {}

  /** The metric columns of {@code metrics.csv}, in order. */
  static List<String> metricNames(CatalogueResult r) {
    List<String> names = new ArrayList<>(List.of("sMAPE", "MASE", "MSIS"));
    for (double level : r.setup().levels()) {
      names.add(Backtest.coverageName(level));
    }
    return names;
  }

  /**
   * {@code series_id,step,date,actual,<network>,lower_80,upper_80,lower_95,upper_95,<baselines>}:
   * the final forecast of every series that was forecast; {@code actual} is empty without a
   * hold-out, a method's cell empty where it failed on that series.
   */
  static void writeForecasts(Path file, CatalogueResult r) throws IOException {
    double[] levels = r.setup().levels();
    List<String> header = new ArrayList<>(List.of("series_id", "step", "date", "actual"));
    header.add(r.network());
    for (double level : levels) {
      header.add("lower_" + Math.round(100 * level));
      header.add("upper_" + Math.round(100 * level));
    }
    List<String> baselines = r.methods().subList(1, r.methods().size());
    header.addAll(baselines);
    AtomicFile.write(
        file,
        out -> {
          var w = new java.io.PrintWriter(new java.io.OutputStreamWriter(out, "UTF-8"));
          w.println(String.join(",", header));
          for (SeriesResult s : r.series()) {
            if (!s.ok()) {
              continue;
            }
            double[] y = s.series().values();
            for (int h = 0; h < r.setup().horizon(); h++) {
              int i = s.trainEnd() + h;
              List<String> row = new ArrayList<>();
              row.add(csv(s.id()));
              row.add(String.valueOf(h + 1));
              row.add(s.series().dates() == null ? "" : s.series().label(i));
              row.add(r.setup().holdout() ? num(y[i]) : "");
              row.add(cell(s.forecasts().get(r.network()), h));
              for (int j = 0; j < levels.length; j++) {
                row.add(s.lower() == null ? "" : num(s.lower()[j][h]));
                row.add(s.upper() == null ? "" : num(s.upper()[j][h]));
              }
              for (String b : baselines) {
                row.add(cell(s.forecasts().get(b), h));
              }
              w.println(String.join(",", row));
            }
          }
          w.flush();
        });
  }

  /**
   * {@code series_id,method,origin,status,<metrics>,error}: per series, method and origin ({@code
   * test}, or {@code backtest_k} for the origin k horizons before the test part) the metrics of
   * that forecast; a series that was not forecast, or a method that failed on it, is a row with
   * status {@code error} and the reason.
   */
  static void writeMetrics(Path file, CatalogueResult r) throws IOException {
    List<String> names = metricNames(r);
    AtomicFile.write(
        file,
        out -> {
          var w = new java.io.PrintWriter(new java.io.OutputStreamWriter(out, "UTF-8"));
          w.println("series_id,method,origin,status," + String.join(",", names) + ",error");
          String blanks = ",".repeat(names.size());
          for (SeriesResult s : r.series()) {
            if (!s.ok()) {
              w.println(csv(s.id()) + ",,,error," + blanks + csv(s.problem()));
              continue;
            }
            for (String method : r.methods()) {
              String failure = s.failures().get(method);
              if (failure != null) {
                w.println(csv(s.id()) + "," + method + ",,error," + blanks + csv(failure));
                continue;
              }
              for (int k = 0; k < s.scores().size(); k++) {
                Map<String, Double> m = s.scores().get(k).get(method);
                if (m == null) {
                  continue;
                }
                StringBuilder row =
                    new StringBuilder(csv(s.id()))
                        .append(',')
                        .append(method)
                        .append(',')
                        .append(k == 0 ? "test" : "backtest_" + k)
                        .append(",ok");
                for (String name : names) {
                  Double v = m.get(name);
                  row.append(',').append(v == null ? "" : num(v));
                }
                w.println(row.append(','));
              }
            }
          }
          w.flush();
        });
  }

  /** The averages, OWA, coverage, calibration, settings and times. */
  static void writeSummary(Path file, CatalogueResult r, Map<String, Object> settings)
      throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("model", r.network());
    root.put("series", r.series().size());
    root.put("series_forecast", r.forecastCount());
    root.put("series_failed", r.series().size() - r.forecastCount());
    root.put("horizon", r.setup().horizon());
    root.put("season", r.setup().season());
    root.put("holdout", r.setup().holdout());
    root.put("origins", r.setup().origins());
    root.put("methods", r.methods());
    root.put("owa_reference", r.reference());
    if (r.test() != null) {
      root.put("test", summary(r.test()));
    }
    if (r.backtest() != null) {
      root.put("backtest", summary(r.backtest()));
    }
    if (r.intervals() != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("method", "split conformal over backtest origins and series, per horizon step");
      c.put("levels", r.intervals().levels());
      c.put("errors_per_step", r.intervals().errorsPerStep());
      c.put("calibrated", r.intervals().calibrated());
      root.put("intervals", c);
    }
    Map<String, Object> times = new LinkedHashMap<>();
    times.put("fit_seconds", r.fitSeconds());
    times.put("total_seconds", r.seconds());
    times.put("series_per_second", r.series().size() / r.seconds());
    root.put("times", times);
    root.put("settings", settings);
    Json.write(file, root);
  }

  private static Map<String, Object> summary(CatalogueResult.Summary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("forecasts_scored", s.scored());
    m.put("owa", s.owa());
    m.put("means", s.means());
    return m;
  }

  private static String cell(double[] f, int h) {
    return f == null ? "" : num(f[h]);
  }

  static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
  }

  /** A CSV field, quoted when it holds a comma, quote or line break. */
  static String csv(String s) {
    if (s == null) {
      return "";
    }
    return s.matches(".*[,\"\\n\\r].*") || s.contains("\n")
        ? '"' + s.replace("\"", "\"\"").replace("\n", " ").replace("\r", " ") + '"'
        : s;
  }
}
