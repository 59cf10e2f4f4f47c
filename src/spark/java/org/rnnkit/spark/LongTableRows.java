package org.rnnkit.spark;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import scala.Tuple2;

/**
 * A catalogue in long format ({@code series_id, date, value}, one row per observation) as a
 * DataFrame, and its rows keyed by series id with the date and value as text, which {@link
 * org.rnnkit.data.CatalogueSeries#fromRows} reads exactly as the {@code catalogue} command reads a
 * long table's cells. A date column of Spark's {@code date} type is written {@code 1960-07-15}; a
 * {@code timestamp} keeps its time of day ({@code 1960-07-15 13:00}, so an hourly series stays
 * hourly), read in Spark's session zone ({@code spark.sql.session.timeZone}) as Spark shows it, not
 * in the zone of the executor's JVM; a number keeps every digit ({@link Double#toString}).
 */
public final class LongTableRows {
  private LongTableRows() {}

  /** The column names. */
  public record Columns(String id, String date, String value) implements java.io.Serializable {
    /** {@code series_id, date, value}. */
    public static Columns defaults() {
      return new Columns("series_id", "date", "value");
    }
  }

  /**
   * Reads a CSV file (with a header; every cell read as text) or Parquet file or folder.
   *
   * @param format {@code csv} or {@code parquet}
   */
  public static Dataset<Row> read(SparkSession spark, String path, String format) {
    return switch (format) {
      case "csv" -> spark.read().option("header", "true").option("inferSchema", "false").csv(path);
      case "parquet" -> spark.read().parquet(path);
      default ->
          throw new IllegalArgumentException(
              "the input format must be csv or parquet, got '" + format + "'");
    };
  }

  /**
   * The rows keyed by series id, each {@code {date, value}} as text (null where the cell is null).
   * A row without an id is kept under the id {@code ""}, which becomes an error row. A {@code
   * timestamp} date column is cast to {@code timestamp_ntz} in the plan, which Spark does in the
   * session zone ({@code spark.sql.session.timeZone}, fixed on the driver): a table of UTC
   * midnights read with the session zone UTC gives dates on executors whose JVMs run in New York.
   *
   * @throws IllegalArgumentException when a column is missing, naming the columns there are
   */
  public static JavaPairRDD<String, String[]> keyed(Dataset<Row> table, Columns columns) {
    List<String> have = Arrays.asList(table.columns());
    for (String[] wanted :
        new String[][] {
          {columns.id(), "series id", "--id-column"},
          {columns.date(), "date", "--date-column"},
          {columns.value(), "value", "--value-column"}
        }) {
      if (!have.contains(wanted[0])) {
        throw new IllegalArgumentException(
            "the input has no %s column '%s'; its columns are %s; name it with %s"
                .formatted(wanted[1], wanted[0], have, wanted[2]));
      }
    }
    Column date = functions.col(columns.date());
    if (table.select(date).schema().fields()[0].dataType().equals(DataTypes.TimestampType)) {
      // the wall-clock time in the session zone, as Spark shows the instant
      date = date.cast(DataTypes.TimestampNTZType).as(columns.date());
    }
    return table
        .select(functions.col(columns.id()), date, functions.col(columns.value()))
        .javaRDD()
        .mapToPair(
            r ->
                new Tuple2<>(
                    r.isNullAt(0) ? "" : r.get(0).toString(),
                    new String[] {
                      r.isNullAt(1) ? null : dateText(r.get(1)),
                      r.isNullAt(2) ? null : valueText(r.get(2))
                    }));
  }

  private static String valueText(Object cell) {
    return cell instanceof Number n && !(cell instanceof java.math.BigDecimal)
        ? Double.toString(n.doubleValue())
        : cell.toString();
  }

  /**
   * A date cell as text: a date as {@code 1960-07-15}; a date and time ({@code timestamp_ntz}) at
   * midnight so too, at another time with its time of day, {@code 1960-07-15 13:00} ({@code
   * 13:00:30} with seconds; fractions of a second are kept, and the reader then refuses the row);
   * text as it is. A {@code timestamp} does not reach here: {@link #keyed} has made it a {@code
   * timestamp_ntz} in the session zone, since an instant here could only be read in the JVM's zone.
   */
  static String dateText(Object cell) {
    if (cell instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (cell instanceof LocalDateTime t) {
      return timeText(t);
    }
    if (cell instanceof LocalDate d) {
      return d.toString();
    }
    return cell.toString();
  }

  private static String timeText(LocalDateTime t) {
    if (t.toLocalTime().equals(LocalTime.MIDNIGHT)) {
      return t.toLocalDate().toString();
    }
    String text = t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).replace('T', ' ');
    return t.getSecond() == 0 && t.getNano() == 0 ? text.substring(0, 16) : text;
  }
}
