package org.rnnkit.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a {@link Catalogue} from the M4 competition's wide table: a header ({@code "V1","V2",...}),
 * then one row per series, its id in the first cell and its values after it, oldest first; shorter
 * series end in empty cells. The series are undated. Rows are streamed: only the numbers are kept.
 */
final class WideTableReader {
  private WideTableReader() {}

  /**
   * @param name the table's name for messages
   * @param in Read to the end; not closed.
   */
  static Catalogue read(String name, Reader in, Catalogue.Options options) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).get();
    CSVParser parser = CSVParser.parse(in, format);
    List<CatalogueSeries> series = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    boolean header = true;
    try {
      for (CSVRecord r : parser) {
        if (header) {
          header = false;
          continue;
        }
        String where = "%s line %d".formatted(name, r.getRecordNumber());
        String id = r.get(0);
        if (id.isEmpty() || !ids.add(id)) {
          throw new IllegalArgumentException(
              id.isEmpty()
                  ? where + " has no series id in its first cell; every row needs one"
                  : "%s: series '%s' has a second row; each id must appear once"
                      .formatted(where, id));
        }
        series.add(row(id, r, where));
      }
    } catch (java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(
          name + " is not valid CSV: " + e.getCause().getMessage() + "; fix the quoting", e);
    }
    return Catalogue.of(name, series, options.season());
  }

  /** One row's values: every cell up to the last non-empty one must be a number. */
  private static CatalogueSeries row(String id, CSVRecord r, String where) {
    int end = r.size();
    while (end > 1 && r.get(end - 1).isEmpty()) {
      end--;
    }
    SeriesBuilder builder = new SeriesBuilder(id, false);
    for (int c = 1; c < end; c++) {
      int column = c;
      builder.add(null, null, r.get(c), () -> "%s, value %d".formatted(where, column));
    }
    return builder.build();
  }
}
