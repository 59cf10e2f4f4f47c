package org.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.CatalogueSeries;
import org.rnnkit.data.Frequency;

/**
 * A long table's date cells as text: Spark {@code timestamp} and {@code timestamp_ntz} columns keep
 * their hour, so an hourly series read on Spark is hourly, as the {@code catalogue} command reads
 * it; a {@code timestamp} is read in Spark's session zone ({@code spark.sql.session.timeZone}), as
 * Spark shows it, whatever the JVM's own zone.
 */
class LongTableRowsTest {
  /** Three hours across midnight and month end: 2024-01-31 22:00 .. 2024-02-01 00:00. */
  private static final String SESSION_ZONE = "spark.sql.session.timeZone";

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

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

  /**
   * A series whose date column is a Spark {@code timestamp} at the given instants, made from their
   * seconds since 1970-01-01 UTC, so that no zone enters the table.
   */
  private static Dataset<Row> instants(List<Long> epochSeconds) {
    return table(DataTypes.LongType, List.copyOf(epochSeconds))
        .withColumn("date", functions.timestamp_seconds(functions.col("date")));
  }

  /** Five days from 2024-03-08, across 2024-03-10, when New York moves its clocks forward. */
  private static final List<LocalDate> DAYS =
      List.of(
          LocalDate.of(2024, 3, 8),
          LocalDate.of(2024, 3, 9),
          LocalDate.of(2024, 3, 10),
          LocalDate.of(2024, 3, 11),
          LocalDate.of(2024, 3, 12));

  private static final List<String> DAY_TEXTS =
      List.of("2024-03-08", "2024-03-09", "2024-03-10", "2024-03-11", "2024-03-12");

  /** The seconds since 1970 of each day's midnight in {@code zone}. */
  private static List<Long> midnights(ZoneId zone) {
    return DAYS.stream().map(d -> d.atStartOfDay(zone).toEpochSecond()).toList();
  }

  /**
   * Runs {@code body} with the JVM's default zone {@code jvm} (the executors' zone in local mode)
   * and Spark's session zone {@code session}, and restores both.
   */
  private static void inZones(String jvm, String session, Runnable body) {
    SharedSpark.context();
    var conf = SparkSession.builder().getOrCreate().conf();
    TimeZone jvmBefore = TimeZone.getDefault();
    String sessionBefore = conf.contains(SESSION_ZONE) ? conf.get(SESSION_ZONE) : null;
    try {
      TimeZone.setDefault(TimeZone.getTimeZone(jvm));
      conf.set(SESSION_ZONE, session);
      body.run();
    } finally {
      TimeZone.setDefault(jvmBefore);
      if (sessionBefore == null) {
        conf.unset(SESSION_ZONE);
      } else {
        conf.set(SESSION_ZONE, sessionBefore);
      }
    }
  }

  private static void assertDaily(CatalogueSeries s) {
    assertNull(s.problem());
    assertEquals(Frequency.DAILY, s.frequency());
    assertEquals(DAYS.get(0).atStartOfDay(), s.start());
    assertArrayEquals(new double[] {10, 11, 12, 13, 14}, s.values(), 0);
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
    assertEquals("2024-01-31 22:00:30", LongTableRows.dateText(HOURS.get(0).plusSeconds(30)));
    assertEquals("2024-01-31", LongTableRows.dateText(java.sql.Date.valueOf("2024-01-31")));
  }

  @Test
  void utcMidnightsAreDatesWhenTheSessionZoneIsUtcAndTheJvmZoneIsNot() {
    inZones(
        "America/New_York",
        "UTC",
        () -> assertDaily(read(instants(midnights(ZoneOffset.UTC)), DAY_TEXTS)));
  }

  @Test
  void sessionZoneMidnightsAreDatesAcrossADaylightSavingChange() {
    inZones(
        "UTC",
        "America/New_York",
        () -> assertDaily(read(instants(midnights(NEW_YORK)), DAY_TEXTS)));
  }

  @Test
  void utcHoursKeepTheirHoursAcrossNewYorksClockChanges() {
    inZones(
        "America/New_York",
        "UTC",
        () -> {
          // 05:00, 06:00, 07:00 UTC are 00:00, 01:00, 03:00 in New York
          assertUtcHours(
              LocalDateTime.of(2024, 3, 10, 5, 0),
              List.of("2024-03-10 05:00", "2024-03-10 06:00", "2024-03-10 07:00"));
          // 04:00, 05:00, 06:00 UTC are 00:00, 01:00, 01:00 again in New York
          assertUtcHours(
              LocalDateTime.of(2024, 11, 3, 4, 0),
              List.of("2024-11-03 04:00", "2024-11-03 05:00", "2024-11-03 06:00"));
        });
  }

  /** Three hours from {@code start} (UTC) read as {@code texts}: an hourly series from start. */
  private static void assertUtcHours(LocalDateTime start, List<String> texts) {
    List<Long> seconds =
        List.of(0, 1, 2).stream()
            .map(h -> start.plusHours(h).toEpochSecond(ZoneOffset.UTC))
            .toList();
    CatalogueSeries s = read(instants(seconds), texts);
    assertNull(s.problem());
    assertEquals(Frequency.HOURLY, s.frequency());
    assertEquals(start, s.start());
    assertArrayEquals(new double[] {10, 11, 12}, s.values(), 0);
  }

  @Test
  void aTimestampWithoutZoneIsReadAsWrittenWhateverTheZones() {
    List<Object> stamps = HOURS.stream().map(t -> (Object) t).toList();
    inZones(
        "America/New_York",
        "Asia/Tokyo",
        () ->
            assertHourly(
                read(
                    table(DataTypes.TimestampNTZType, stamps),
                    List.of("2024-01-31 22:00", "2024-01-31 23:00", "2024-02-01"))));
  }
}
