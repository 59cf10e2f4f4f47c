package org.rnnkit.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Function;
import org.rnnkit.forecast.catalogue.CatalogueResult;
import org.rnnkit.forecast.catalogue.CatalogueTables;
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
    return CatalogueTables.of(r).metricNames();
  }

  /**
   * {@code series_id,step,date,actual,<network>,lower_80,upper_80,lower_95,upper_95,<baselines>}:
   * the final forecast of every series that was forecast ({@link CatalogueTables#forecastRows});
   * {@code actual} is empty without a hold-out, a method's cell empty where it failed on that
   * series.
   */
  static void writeForecasts(Path file, CatalogueResult r) throws IOException {
    CatalogueTables tables = CatalogueTables.of(r);
    writeTable(file, tables.forecastColumns(), r, tables::forecastRows);
  }

  /**
   * {@code series_id,method,origin,status,<metrics>,error}: per series, method and origin ({@code
   * test}, or {@code backtest_k} for the origin k horizons before the test part) the metrics of
   * that forecast; a series that was not forecast, or a method that failed on it, is a row with
   * status {@code error} and the reason ({@link CatalogueTables#metricRows}).
   */
  static void writeMetrics(Path file, CatalogueResult r) throws IOException {
    CatalogueTables tables = CatalogueTables.of(r);
    writeTable(file, tables.metricColumns(), r, tables::metricRows);
  }

  private static void writeTable(
      Path file,
      List<String> header,
      CatalogueResult r,
      Function<SeriesResult, List<Object[]>> rows)
      throws IOException {
    AtomicFile.write(
        file,
        out -> {
          var w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          w.println(String.join(",", header));
          for (SeriesResult s : r.series()) {
            for (Object[] row : rows.apply(s)) {
              StringJoiner line = new StringJoiner(",");
              for (Object cell : row) {
                line.add(
                    cell instanceof Double d
                        ? num(d)
                        : cell instanceof String text ? csv(text) : Objects.toString(cell, ""));
              }
              w.println(line);
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
      c.put(
          "method",
          "split conformal over backtest origins and series, per horizon step, on errors divided by sqrt(recent volatility x the series' own backtest error)");
      c.put("levels", r.intervals().levels());
      c.put("errors_per_step", r.intervals().errorsPerStep());
      c.put("calibrated", r.intervals().calibrated());
      root.put("intervals", c);
    }
    if (r.combination() != null) {
      root.put("combination", r.combination().summary());
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
