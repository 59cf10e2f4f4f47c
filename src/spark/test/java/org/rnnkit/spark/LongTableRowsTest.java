package org.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.CatalogueSeries;
import org.rnnkit.data.Frequency;

/**
 * A long table's date cells as text: Spark {@code timestamp} and {@code timestamp_ntz} columns keep
 * their hour, so an hourly series read on Spark is hourly, as the {@code catalogue} command reads
 * it.
 */
class LongTableRowsTest {
  /** Three hours across midnight and month end: 2024-01-31 22:00 .. 2024-02-01 00:00. */
  private static final List<LocalDateTime> HOURS =
      List.of(
          LocalDateTime.of(2024, 1, 31, 22, 0),
          LocalDateTime.of(2024, 1, 31, 23, 0),
          LocalDateTime.of(2024, 2, 1, 0, 0));

  private static Dataset<Row> table(DataType dateType, List<Object> dates) {
    SharedSpark.context();
    SparkSession spark = SparkSession.builder().getOrCreate();
    var schema =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("series_id", DataTypes.StringType, true),
                DataTypes.createStructField("date", dateType, true),
                DataTypes.createStructField("value", DataTypes.DoubleType, true)));
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < dates.size(); i++) {
      rows.add(RowFactory.create("s", dates.get(i), 10.0 + i));
    }
    return spark.createDataFrame(rows, schema);
  }

  /** The keyed rows' date texts in table order, and the series they make. */
  private static CatalogueSeries read(Dataset<Row> table, List<String> expectedDates) {
    List<String[]> cells =
        LongTableRows.keyed(table, LongTableRows.Columns.defaults()).values().collect();
    List<String> dates = cells.stream().map(c -> c[0]).toList();
    assertEquals(expectedDates, dates);
    return CatalogueSeries.fromRows("t", "s", dates, cells.stream().map(c -> c[1]).toList());
  }

  private static void assertHourly(CatalogueSeries s) {
    assertNull(s.problem());
    assertEquals(Frequency.HOURLY, s.frequency());
    assertEquals(HOURS.get(0), s.start());
    assertArrayEquals(new double[] {10, 11, 12}, s.values(), 0);
  }

  @Test
  void aTimestampColumnKeepsItsHours() {
    List<Object> stamps = HOURS.stream().map(t -> (Object) Timestamp.valueOf(t)).toList();
    CatalogueSeries s =
        read(
            table(DataTypes.TimestampType, stamps),
            List.of("2024-01-31 22:00", "2024-01-31 23:00", "2024-02-01"));
    assertHourly(s);
  }

  @Test
  void aTimestampWithoutZoneColumnKeepsItsHours() {
    List<Object> stamps = HOURS.stream().map(t -> (Object) t).toList();
    CatalogueSeries s =
        read(
            table(DataTypes.TimestampNTZType, stamps),
            List.of("2024-01-31 22:00", "2024-01-31 23:00", "2024-02-01"));
    assertHourly(s);
  }

  @Test
  void secondsAreKeptAndADateColumnIsUnchanged() {
    assertEquals(
        "2024-01-31 22:00:30",
        LongTableRows.dateText(Timestamp.valueOf(HOURS.get(0).plusSeconds(30))));
    assertEquals("2024-01-31", LongTableRows.dateText(java.sql.Date.valueOf("2024-01-31")));
  }
}
