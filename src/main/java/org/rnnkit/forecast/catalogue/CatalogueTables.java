package org.rnnkit.forecast.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two tables of a catalogue run, as columns and rows of plain values, for any writer (the
 * {@code catalogue} command's CSV files, Spark's DataFrames): {@link #forecastColumns forecasts}
 * (one row per series and step) and {@link #metricColumns metrics} (one row per series, method and
 * origin, or one error row). A cell is a {@code String}, an {@code Integer}, a {@code Double} or
 * null (empty: not applicable, failed, or not finite).
 *
 * @param setup the protocol
 * @param network the network's method name ({@code global} or {@code local})
 * @param baselines the baselines' names, in column order
 */
public record CatalogueTables(Backtest.Setup setup, String network, List<String> baselines) {

  public CatalogueTables {
    baselines = List.copyOf(baselines);
  }

  /** The tables of a whole run. */
  public static CatalogueTables of(CatalogueResult r) {
    return new CatalogueTables(r.setup(), r.network(), r.methods().subList(1, r.methods().size()));
  }

  /** Every method, the network first. */
  public List<String> methods() {
    List<String> all = new ArrayList<>(List.of(network));
    all.addAll(baselines);
    return all;
  }

  /** The metrics of the metrics table, in column order: sMAPE, MASE, MSIS, coverage per level. */
  public List<String> metricNames() {
    List<String> names = new ArrayList<>(List.of("sMAPE", "MASE", "MSIS"));
    for (double level : setup.levels()) {
      names.add(Backtest.coverageName(level));
    }
    return names;
  }

  /**
   * {@code series_id, step, date, actual, <network>, lower_80, upper_80, lower_95, upper_95,
   * <baselines>}: {@code step} an Integer, {@code series_id} and {@code date} Strings (the date
   * null for an undated series), the rest Doubles; {@code actual} is null without a hold-out.
   */
  public List<String> forecastColumns() {
    List<String> header = new ArrayList<>(List.of("series_id", "step", "date", "actual"));
    header.add(network);
    for (double level : setup.levels()) {
      header.add("lower_" + Math.round(100 * level));
      header.add("upper_" + Math.round(100 * level));
    }
    header.addAll(baselines);
    return header;
  }

  /** The final forecast of a series, one row per step; none for a series that was not forecast. */
  public List<Object[]> forecastRows(SeriesResult s) {
    List<Object[]> rows = new ArrayList<>();
    if (!s.ok()) {
      return rows;
    }
    double[] y = s.series().values();
    int levels = setup.levels().length;
    for (int h = 0; h < setup.horizon(); h++) {
      int i = s.trainEnd() + h;
      List<Object> row = new ArrayList<>();
      row.add(s.id());
      row.add(h + 1);
      row.add(s.series().dates() == null ? null : s.series().label(i));
      row.add(setup.holdout() ? number(y[i]) : null);
      row.add(cell(s.forecasts().get(network), h));
      for (int j = 0; j < levels; j++) {
        row.add(s.lower() == null ? null : number(s.lower()[j][h]));
        row.add(s.upper() == null ? null : number(s.upper()[j][h]));
      }
      for (String b : baselines) {
        row.add(cell(s.forecasts().get(b), h));
      }
      rows.add(row.toArray());
    }
    return rows;
  }

  /**
   * {@code series_id, method, origin, status, <metrics>, error}: Strings and Doubles; {@code
   * origin} is {@code test} or {@code backtest_k} (k horizons before the test part), {@code status}
   * {@code ok} or {@code error}.
   */
  public List<String> metricColumns() {
    List<String> header = new ArrayList<>(List.of("series_id", "method", "origin", "status"));
    header.addAll(metricNames());
    header.add("error");
    return header;
  }

  /**
   * A series' metrics per method and origin; a series that was not forecast is one error row (no
   * method, no origin) and a method that failed on it one error row for that method, each with the
   * reason.
   */
  public List<Object[]> metricRows(SeriesResult s) {
    List<String> names = metricNames();
    List<Object[]> rows = new ArrayList<>();
    if (!s.ok()) {
      rows.add(errorRow(s.id(), null, s.problem(), names.size()));
      return rows;
    }
    for (String method : methods()) {
      String failure = s.failures().get(method);
      if (failure != null) {
        rows.add(errorRow(s.id(), method, failure, names.size()));
        continue;
      }
      for (int k = 0; k < s.scores().size(); k++) {
        Map<String, Double> m = s.scores().get(k).get(method);
        if (m == null) {
          continue;
        }
        List<Object> row = new ArrayList<>();
        row.add(s.id());
        row.add(method);
        row.add(k == 0 ? "test" : "backtest_" + k);
        row.add("ok");
        for (String name : names) {
          Double v = m.get(name);
          row.add(v == null ? null : number(v));
        }
        row.add(null);
        rows.add(row.toArray());
      }
    }
    return rows;
  }

  /** The error row of a series (method null) or of one method on it. */
  public static Object[] errorRow(String id, String method, String error, int metrics) {
    Object[] row = new Object[5 + metrics];
    row[0] = id;
    row[1] = method;
    row[3] = "error";
    row[row.length - 1] = error;
    return row;
  }

  private static Double cell(double[] f, int h) {
    return f == null ? null : number(f[h]);
  }

  private static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
