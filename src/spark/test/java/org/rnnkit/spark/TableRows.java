package org.rnnkit.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.rnnkit.data.CatalogueSeries;
import org.rnnkit.forecast.catalogue.CatalogueResult;
import org.rnnkit.forecast.catalogue.CatalogueTables;
import org.rnnkit.forecast.catalogue.SeriesInput;

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

  /**
   * The catalogue a job reads from long-table rows {@code {id, date, value}}, as one process reads
   * it: series by id (the job's order), each read by {@link CatalogueSeries#fromRows}, an
   * unreadable one failed (its message naming the input {@code test}).
   */
  static List<SeriesInput> catalogue(List<String[]> rows) {
    return catalogue("test", rows);
  }

  /**
   * {@link #catalogue(List)} read from the input named {@code source} (as its messages name it).
   */
  static List<SeriesInput> catalogue(String source, List<String[]> rows) {
    Map<String, List<String[]>> byId =
        rows.stream().collect(Collectors.groupingBy(r -> r[0], TreeMap::new, Collectors.toList()));
    List<SeriesInput> catalogue = new ArrayList<>();
    byId.forEach(
        (id, rs) -> {
          CatalogueSeries s =
              CatalogueSeries.fromRows(
                  source,
                  id,
                  rs.stream().map(r -> r[1]).toList(),
                  rs.stream().map(r -> r[2]).toList());
          catalogue.add(
              s.usable()
                  ? SeriesInput.of(id, s.toTimeSeries())
                  : SeriesInput.failed(id, s.problem()));
        });
    return catalogue;
  }
}
