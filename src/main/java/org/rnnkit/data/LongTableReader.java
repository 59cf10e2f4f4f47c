package org.rnnkit.data;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a {@link Catalogue} from a long table: a header, then one row per observation with the
 * series' id, the date (1960, 1960-Q3, 1960-07, 1960-07-15, or a time 1960-07-15 13:00,
 * 1960-07-15T13:00 or 1960-07-15 13:00:00, read as given with no zone) and the value. Rows are
 * streamed: only each series' numbers are kept. A series' rows may be interleaved with other
 * series' rows but must come in date order.
 */
final class LongTableReader {
  private LongTableReader() {}

  /**
   * @param name the table's name for messages
   * @param in Read to the end; not closed.
   */
  static Catalogue read(String name, Reader in, Catalogue.Options options) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    CSVParser parser = CSVParser.parse(in, format);
    List<String> header = parser.getHeaderNames();
    if (header.size() == 1) {
      for (char c : new char[] {';', '\t'}) {
        if (header.get(0).indexOf(c) >= 0) {
          throw new IllegalArgumentException(
              ("%s separates its columns with %s; a long table is read with commas only: save it"
                      + " as comma-separated (series_id,date,value, a decimal point in values)")
                  .formatted(name, c == ';' ? "';'" : "tabs"));
        }
      }
    }
    int id = column(name, header, options.idColumn(), "id", "--id-column");
    int date = column(name, header, options.dateColumn(), "date", "--date-column");
    String valueColumn = options.valueColumn() == null ? "value" : options.valueColumn();
    int value = column(name, header, valueColumn, "value", "--value-column");
    Map<String, SeriesBuilder> series = new LinkedHashMap<>();
    try {
      for (CSVRecord r : parser) {
        Supplier<String> where = () -> "%s line %d".formatted(name, r.getRecordNumber() + 1);
        if (r.size() <= Math.max(id, Math.max(date, value))) {
          throw new IllegalArgumentException(
              "%s has %d columns; the header has %d"
                  .formatted(where.get(), r.size(), header.size()));
        }
        String key = r.get(id);
        if (key.isEmpty()) {
          throw new IllegalArgumentException(
              where.get() + " has no series id; every row needs one");
        }
        SeriesBuilder builder = series.computeIfAbsent(key, k -> new SeriesBuilder(k, true));
        LocalDateTime d = TimeSeriesCsv.parseDate(r.get(date));
        if (d == null) {
          builder.fail(
              "%s: '%s' is not a date like %s"
                  .formatted(where.get(), r.get(date), TimeSeriesCsv.DATE_FORMS));
        } else {
          builder.add(d, r.get(date), r.get(value), where);
        }
      }
    } catch (java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(
          name + " is not valid CSV: " + e.getCause().getMessage() + "; fix the quoting", e);
    }
    List<CatalogueSeries> built = new ArrayList<>(series.size());
    series.values().forEach(b -> built.add(b.build()));
    return Catalogue.of(name, built, options.season());
  }

  private static int column(
      String name, List<String> header, String wanted, String role, String option) {
    int i = header.indexOf(wanted);
    if (i < 0) {
      throw new IllegalArgumentException(
          "%s has no %s column '%s'; its columns are %s; name it with %s (M4's wide files are read as such when their header starts V1,V2)"
              .formatted(name, role, wanted, header, option));
    }
    return i;
  }
}
