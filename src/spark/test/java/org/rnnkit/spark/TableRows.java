package org.rnnkit.spark;

import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.rnnkit.forecast.catalogue.CatalogueResult;
import org.rnnkit.forecast.catalogue.CatalogueTables;

/** The tables a job wrote and those an in-process run gives, as rows of cells to compare. */
final class TableRows {
  private TableRows() {}

  /** Every row of {@code table}, in its order, as its cells. */
  static List<Object[]> of(Dataset<Row> table) {
    return table.collectAsList().stream()
        .map(
            r -> {
              Object[] cells = new Object[r.size()];
              for (int i = 0; i < cells.length; i++) {
                cells[i] = r.get(i);
              }
              return cells;
            })
        .toList();
  }

  /** An in-process run's forecast rows, series by series, as the job sorts them. */
  static List<Object[]> forecasts(CatalogueResult r) {
    CatalogueTables t = CatalogueTables.of(r);
    return r.series().stream().flatMap(s -> t.forecastRows(s).stream()).toList();
  }

  /**
   * An in-process run's metric rows sorted as the job sorts them: by series id, method and origin,
   * missing cells first.
   */
  static List<Object[]> metrics(CatalogueResult r) {
    CatalogueTables t = CatalogueTables.of(r);
    return r.series().stream()
        .flatMap(s -> t.metricRows(s).stream())
        .sorted(
            Comparator.comparing((Object[] m) -> (String) m[0])
                .thenComparing(m -> (String) m[1], Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(
                    m -> (String) m[2], Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
  }
}
