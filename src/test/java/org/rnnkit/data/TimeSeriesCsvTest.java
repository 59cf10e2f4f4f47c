package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeSeriesCsvTest {

  private static TimeSeries read(String csv) throws IOException {
    return TimeSeriesCsv.read("test", new StringReader(csv), TimeSeriesCsv.Options.defaults());
  }

  private static String error(String csv, TimeSeriesCsv.Options options) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> TimeSeriesCsv.read("test", new StringReader(csv), options))
        .getMessage();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "1990|1991|1992; YEARLY; 1993",
        "1990-Q3|1990-Q4|1991-Q1; QUARTERLY; 1991-Q2",
        "1990-11|1990-12|1991-01; MONTHLY; 1991-02",
        "1990-12-30|1990-12-31|1991-01-01; DAILY; 1991-01-02",
        "1990-12-24|1990-12-31|1991-01-07; WEEKLY; 1991-01-14",
        "1990-12-31 22:00|1990-12-31 23:00|1991-01-01 00:00; HOURLY; 1991-01-01 01:00",
        "1991-01-30 09:00|1991-01-31 09:00|1991-02-01 09:00; DAILY; 1991-02-02 09:00"
      })
  void infersTheFrequencyAndContinuesTheDates(String dates, Frequency frequency, String next)
      throws IOException {
    String[] d = dates.split("\\|");
    TimeSeries s = read("date,value\n" + d[0] + ",1\n" + d[1] + ",2\n" + d[2] + ",3.5\n");
    assertEquals(frequency, s.frequency());
    assertArrayEquals(new double[] {1, 2, 3.5}, s.values(), 0);
    assertEquals(next, s.label(3));
    assertEquals(d[0], s.label(0));
  }

  @Test
  void readsAFileWithoutDatesAndPicksAColumnByName() throws IOException {
    TimeSeries s = read("a\n1\n2\n");
    assertNull(s.dates());
    assertEquals(Frequency.UNDATED, s.frequency());
    assertArrayEquals(new double[] {1, 2}, s.values(), 0);
    TimeSeries b =
        TimeSeriesCsv.read(
            "t", new StringReader("a,b\n1,10\n2,20\n"), new TimeSeriesCsv.Options("b", false));
    assertArrayEquals(new double[] {10, 20}, b.values(), 0);
    String e = error("a,b\n1,10\n", new TimeSeriesCsv.Options("c", false));
    assertTrue(e.contains("no column 'c'") && e.contains("[a, b]"), e);
  }

  /**
   * Issue 15: a {@code date} column of plain step numbers was read as the series, and the forecast
   * continued the index. A column named like a time index is never the default value column.
   */
  @Test
  void aTimeIndexColumnOfStepNumbersIsNeverTheValues() throws IOException {
    TimeSeries s = read("date,value\n1,112\n2,118\n3,132\n4,129\n");
    assertNull(s.dates());
    assertArrayEquals(new double[] {112, 118, 132, 129}, s.values(), 0);
    for (String index : new String[] {"t", "step", "index", "period", "ds", "timestamp", "Time"}) {
      TimeSeries v = read(index + ",sales\n0,5\n1,7\n2,6\n");
      assertArrayEquals(new double[] {5, 7, 6}, v.values(), 0, index);
    }
    // the index column may come second
    assertArrayEquals(new double[] {5, 7}, read("sales,t\n5,1\n7,2\n").values(), 0);
  }

  @Test
  void aFileWhoseOnlyColumnIsValueIsRead() throws IOException {
    TimeSeries s = read("value\n3.5\n4\n2\n");
    assertArrayEquals(new double[] {3.5, 4, 2}, s.values(), 0);
    String e = error("date\n1\n2\n3\n", TimeSeriesCsv.Options.defaults());
    assertTrue(e.contains("no value column") && e.contains("--column"), e);
  }

  @Test
  void severalNumericColumnsNeedAChoice() throws IOException {
    String e = error("a,b\n1,10\n2,20\n", TimeSeriesCsv.Options.defaults());
    assertTrue(e.contains("[a, b]") && e.contains("--column"), e);
    java.util.List<String> notices = new java.util.ArrayList<>();
    TimeSeries s =
        TimeSeriesCsv.read(
            "test",
            new StringReader("step,temperature,y\n1,20,5\n2,21,6\n"),
            TimeSeriesCsv.Options.defaults(),
            notices::add);
    assertArrayEquals(new double[] {5, 6}, s.values(), 0);
    assertEquals(1, notices.size());
    assertTrue(notices.get(0).contains("using 'y'") && notices.get(0).contains("temperature"));
    // a text column is no candidate
    assertArrayEquals(new double[] {5, 6}, read("label,v\nx,5\nz,6\n").values(), 0);
  }

  @Test
  void missingAndNonNumericValuesNameLineAndColumn() {
    String missing = error("date,value\n2000,1\n2001,\n2002,3\n", TimeSeriesCsv.Options.defaults());
    assertTrue(missing.contains("line 3, column 'value'") && missing.contains("missing"), missing);
    assertTrue(missing.contains("--interpolate"), missing);
    String text = error("date,value\n2000,1\n2001,abc\n", TimeSeriesCsv.Options.defaults());
    assertTrue(text.contains("line 3") && text.contains("'abc' is not a number"), text);
  }

  @Test
  void interpolatesMissingValuesWhenAsked() throws IOException {
    TimeSeries s =
        TimeSeriesCsv.read(
            "t",
            new StringReader("date,value\n2000,NA\n2001,2\n2002,\n2003,NA\n2004,8\n2005,\n"),
            new TimeSeriesCsv.Options(null, true));
    assertArrayEquals(new double[] {2, 2, 4, 6, 8, 8}, s.values(), 1e-12);
  }

  @Test
  void irregularDatesAndEmptyFilesAreRejected() {
    String gap =
        error("date,value\n2000-01,1\n2000-02,2\n2000-04,3\n", TimeSeriesCsv.Options.defaults());
    assertTrue(gap.contains("line 4") && gap.contains("evenly"), gap);
    String empty = error("date,value\n", TimeSeriesCsv.Options.defaults());
    assertTrue(empty.contains("no data rows"), empty);
  }

  /** Each written form of a time is read as the same hour; labels are written one way. */
  @ParameterizedTest
  @CsvSource({"' '", "T", "t"})
  void hourlyTimesAreReadWithASpaceOrTAndWithOrWithoutSeconds(String separator) throws IOException {
    for (String seconds : new String[] {"", ":00"}) {
      String csv =
          "timestamp,load\n"
              + "2024-01-01%s13:00%s,5\n2024-01-01%s14:00%s,6\n2024-01-01%s15:00%s,7\n"
                  .formatted(separator, seconds, separator, seconds, separator, seconds);
      TimeSeries s = read(csv);
      assertEquals(Frequency.HOURLY, s.frequency());
      assertEquals(24, s.frequency().season());
      assertEquals(48, s.frequency().defaultHorizon(24));
      assertArrayEquals(new double[] {5, 6, 7}, s.values(), 0);
      assertEquals(java.time.LocalDateTime.of(2024, 1, 1, 13, 0), s.date(0));
      assertEquals("2024-01-01 13:00", s.label(0));
    }
  }

  /**
   * Forecast labels continue hour by hour across midnight, a leap day's month end and a year end.
   */
  @Test
  void hourlyLabelsAdvanceAcrossMidnightAndMonthEnd() throws IOException {
    TimeSeries s = read("date,value\n2024-02-29 21:00,1\n2024-02-29 22:00,2\n");
    assertEquals("2024-02-29 23:00", s.label(2));
    assertEquals("2024-03-01 00:00", s.label(3));
    assertEquals("2024-03-01 01:00", s.label(4));
    assertEquals("2024-03-02 00:00", s.label(2 + 25));
    TimeSeries y = read("date,value\n2023-12-31 22:00,1\n2023-12-31 23:00,2\n");
    assertEquals("2024-01-01 00:00", y.label(2));
    TimeSeries withSeconds = read("date,value\n2024-01-01 10:00:30,1\n2024-01-01 11:00:30,2\n");
    assertEquals("2024-01-01 12:00:30", withSeconds.label(2));
  }

  @Test
  void hourlyGapsRepeatsAndZonedTimesAreRejected() {
    // the spring daylight-saving hour skipped, as local clocks show it
    String gap =
        error(
            "date,value\n2024-03-31 00:00,1\n2024-03-31 01:00,2\n2024-03-31 03:00,3\n",
            TimeSeriesCsv.Options.defaults());
    assertTrue(gap.contains("line 4") && gap.contains("evenly") && gap.contains("no zone"), gap);
    String repeat =
        error(
            "date,value\n2024-10-27 01:00,1\n2024-10-27 02:00,2\n2024-10-27 02:00,3\n",
            TimeSeriesCsv.Options.defaults());
    assertTrue(repeat.contains("line 4") && repeat.contains("no zone"), repeat);
    String mixed =
        error(
            "date,value\n2024-01-01 10:00,1\n2024-01-01 11:00,2\n2024-01-02,3\n",
            TimeSeriesCsv.Options.defaults());
    assertTrue(mixed.contains("line 4") && mixed.contains("evenly"), mixed);
    String zoned =
        error(
            "date,value\n2024-01-01 10:00,1\n2024-01-01 11:00,2\n2024-01-01 12:00,3\n"
                + "2024-01-01T13:00Z,4\n",
            TimeSeriesCsv.Options.defaults());
    assertTrue(
        zoned.contains("line 5: '2024-01-01T13:00Z' is not a date like")
            && zoned.contains("1960-07-15 13:00"),
        zoned);
    String hour25 =
        error(
            "date,value\n2024-01-01 10:00,1\n2024-01-01 11:00,2\n2024-01-01 12:00,3\n"
                + "2024-01-01 25:00,4\n",
            TimeSeriesCsv.Options.defaults());
    assertTrue(hour25.contains("'2024-01-01 25:00' is not a date"), hour25);
  }

  /**
   * The daylight-saving hint comes only where a clock change can be the cause: an hourly series
   * with a skipped hour (two hours apart) or a repeated one (no time apart). A series hourly from
   * its second row on, skipping an hour at its first, counts as hourly.
   */
  @Test
  void theZoneHintIsGivenOnlyForASkippedOrRepeatedHourInAnHourlySeries() {
    String skippedFirst =
        error(
            "date,value\n2024-03-31 01:00,1\n2024-03-31 03:00,2\n2024-03-31 04:00,3\n",
            TimeSeriesCsv.Options.defaults());
    assertTrue(skippedFirst.contains("line 3") && skippedFirst.contains("no zone"), skippedFirst);
    String[] noHint = {
      // two-hourly: never hourly, so no clock change
      "date,value\n2024-01-01 00:00,1\n2024-01-01 02:00,2\n2024-01-01 04:00,3\n",
      // hourly, then three hours: more than a clock change
      "date,value\n2024-01-01 00:00,1\n2024-01-01 01:00,2\n2024-01-01 04:00,3\n",
      // hourly, then half an hour
      "date,value\n2024-01-01 00:00,1\n2024-01-01 01:00,2\n2024-01-01 01:30,3\n",
      // daily at 09:00, then a day and an hour
      "date,value\n2024-01-01 09:00,1\n2024-01-02 09:00,2\n2024-01-03 10:00,3\n",
      // two rows two hours apart: nothing says the series is hourly
      "date,value\n2024-03-31 01:00,1\n2024-03-31 03:00,2\n"
    };
    for (String csv : noHint) {
      String e = error(csv, TimeSeriesCsv.Options.defaults());
      assertTrue(e.contains("evenly") && !e.contains("no zone") && !e.contains("UTC"), e);
    }
    var a = java.time.LocalDateTime.of(2024, 3, 31, 1, 0);
    assertEquals(TimeSeriesCsv.NO_ZONE, TimeSeriesCsv.zoneHint(Frequency.HOURLY, a, a));
    assertEquals(
        TimeSeriesCsv.NO_ZONE, TimeSeriesCsv.zoneHint(Frequency.HOURLY, a, a.plusHours(2)));
    assertEquals("", TimeSeriesCsv.zoneHint(Frequency.HOURLY, a, a.plusHours(3)));
    assertEquals("", TimeSeriesCsv.zoneHint(Frequency.HOURLY, a, a.minusHours(1)));
    assertEquals("", TimeSeriesCsv.zoneHint(null, a, a.plusHours(2)));
    assertEquals("", TimeSeriesCsv.zoneHint(Frequency.DAILY, a, a.plusHours(2)));
  }

  @Test
  void hourlyStepsBetweenCountHoursAndRefuseOtherTimes() {
    var from = java.time.LocalDateTime.of(2024, 2, 28, 23, 0);
    assertEquals(26, Frequency.HOURLY.stepsBetween(from, from.plusHours(26)));
    assertEquals(-5, Frequency.HOURLY.stepsBetween(from, from.minusHours(5)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Frequency.HOURLY.stepsBetween(from, from.plusMinutes(90)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Frequency.DAILY.stepsBetween(from, from.plusHours(25)));
  }

  @Test
  void monthEndDatesAreMonthly() throws IOException {
    TimeSeries s = read("date,value\n2020-01-31,1\n2020-02-29,2\n2020-03-31,3\n2020-04-30,4\n");
    assertEquals(Frequency.MONTHLY, s.frequency());
    assertEquals("2020-05", s.label(4));
    assertEquals(java.time.LocalDate.of(2020, 5, 31).atStartOfDay(), s.date(4));
  }

  @Test
  void fourDigitValuesUnderAnotherHeaderAreNotYears() throws IOException {
    TimeSeries s = read("weight,label\n1200,a\n1350,b\n1100,c\n");
    assertNull(s.dates());
    assertArrayEquals(new double[] {1200, 1350, 1100}, s.values(), 0);
    assertEquals(Frequency.YEARLY, read("year,v\n1990,1\n1991,2\n1992,3\n").frequency());
  }

  /**
   * Issue 14 follow-up: a first column of dates in a form not read made the file undated, in
   * silence: a forecast with no dates and season 1. It is refused naming the row, the value, the
   * forms read and the fix.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "01/15/2020|01/16/2020|01/17/2020; date",
        "15.01.2020|16.01.2020|17.01.2020; day",
        "2020/01/15|2020/01/16|2020/01/17; when",
        "2024-01-01T13:00Z|2024-01-01T14:00Z|2024-01-01T15:00Z; timestamp",
        "2024-01-01T13:00+01:00|2024-01-01T14:00+01:00|2024-01-01T15:00+01:00; time",
        "Jan 2020|Feb 2020|Mar 2020; month",
        "Jan 2020|Feb 2020|Mar 2020; label",
        "20200115|20200116|20200117; date"
      })
  void aFirstColumnOfDatesInAnotherFormIsRefusedNamingTheRowAndTheForms(
      String dates, String header) {
    String[] d = dates.split("\\|");
    String csv = header + ",value\n" + d[0] + ",1\n" + d[1] + ",2\n" + d[2] + ",3\n";
    String e = error(csv, TimeSeriesCsv.Options.defaults());
    assertTrue(
        e.startsWith("test line 2, column '%s': '%s' is not a date".formatted(header, d[0])), e);
    assertTrue(e.contains(TimeSeriesCsv.DATE_FORMS), e);
    assertTrue(e.contains("2024-01-01 13:00"), e);
    assertTrue(e.contains("remove the column to read the values undated"), e);
    assertEquals(1, e.lines().count(), e);
    if (d[0].endsWith("Z")) {
      assertTrue(e.contains("drop the zone suffix 'Z'"), e);
    } else if (d[0].endsWith("+01:00")) {
      assertTrue(e.contains("drop the zone suffix '+01:00'"), e);
    } else {
      assertTrue(e.contains("rewrite them as ISO dates or times such as 2020-01-15"), e);
    }
  }

  /** A date read among the first rows marks the column as dates: another row there is refused. */
  @Test
  void anUnreadOrMissingDateAmongReadDatesIsRefused() {
    String mixed =
        error(
            "date,value\n2020-01-15,1\n01/16/2020,2\n2020-01-17,3\n",
            TimeSeriesCsv.Options.defaults());
    assertTrue(mixed.startsWith("test line 3, column 'date': '01/16/2020' is not a date"), mixed);
    String missing =
        error(
            "date,value\n2020-01-15,1\n2020-01-16,2\n,3\n2020-01-18,4\n",
            TimeSeriesCsv.Options.defaults());
    assertTrue(missing.startsWith("test line 4, column 'date': the date is missing"), missing);
    String year =
        error("date,value\n2020,1\n01/15/2020,2\n2022,3\n", TimeSeriesCsv.Options.defaults());
    assertTrue(year.startsWith("test line 3, column 'date': '01/15/2020' is not a date"), year);
    String label =
        error("when,value\n2020-01,1\nn/a,2\n2020-03,3\n", TimeSeriesCsv.Options.defaults());
    assertTrue(label.startsWith("test line 3, column 'when': 'n/a' is not a date"), label);
  }

  /** What was read undated before the check above is read undated still, value for value. */
  @Test
  void indexColumnsValuesOnlyFilesAndLabelColumnsStillReadUndated() throws IOException {
    String[] undated = {
      "value\n3.5\n4\n2\n",
      "t,value\n1,3.5\n2,4\n3,2\n",
      "index,value\n0,3.5\n1,4\n2,2\n",
      "date,value\n1,3.5\n2,4\n3,2\n",
      "day,value\n1,3.5\n2,4\n3,2\n",
      "label,value\nrun-1,3.5\nv1.2,4\na/b,2\n",
      "label,value\nMay,3.5\nJune,4\nJuly,2\n",
      "season,value\n2019-2020,3.5\n2020-2021,4\n2021-2022,2\n",
      "weight,value\n20200115,3.5\n20200116,4\n20200117,2\n",
      "value,note\n3.5,01/15/2020\n4,x\n2,y\n"
    };
    for (String csv : undated) {
      TimeSeries s = read(csv);
      assertNull(s.dates(), csv);
      assertEquals(Frequency.UNDATED, s.frequency(), csv);
      assertArrayEquals(new double[] {3.5, 4, 2}, s.values(), 0, csv);
    }
    // the first column named as the values is not taken for dates
    TimeSeries named =
        TimeSeriesCsv.read(
            "t",
            new StringReader("date,label\n20200115,a\n20200116,b\n"),
            new TimeSeriesCsv.Options("date", false));
    assertNull(named.dates());
    assertArrayEquals(new double[] {20200115, 20200116}, named.values(), 0);
  }

  /**
   * Labels that only resemble dates (a version, a code, a time of day, a month and year, a time
   * range, an impossible date) are read undated under a header that names no date, value for value,
   * as before dates in other forms were refused; under a date header the same text is refused.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "version, 1.0.1",
    "store, 10-20-30",
    "match, 3:10",
    "size, 10/2020",
    "slot, 08:00-09:00",
    "release, 2023.10.1",
    "code, 13/13/2020",
    "lot, 29.02.2021",
    "batch, 01/15/0999"
  })
  void labelsResemblingDatesReadUndatedUnderAnotherHeader(String header, String label)
      throws IOException {
    TimeSeries s = read(header + ",value\n" + label + ",5\n");
    assertNull(s.dates());
    assertEquals(Frequency.UNDATED, s.frequency());
    assertArrayEquals(new double[] {5}, s.values(), 0);
    TimeSeries three = read(header + ",value\n" + label + ",5\n" + label + ",6\nx,7\n");
    assertNull(three.dates());
    assertArrayEquals(new double[] {5, 6, 7}, three.values(), 0);
    String e = error("date,value\n" + label + ",5\n", TimeSeriesCsv.Options.defaults());
    assertTrue(e.startsWith("test line 2, column 'date': '" + label + "' is not a date"), e);
    assertTrue(e.contains("rewrite them as ISO dates"), e);
  }

  @Test
  void malformedCsvIsAClearError() {
    String e = error("date,value\n2000,\"1\n2001,2\n", TimeSeriesCsv.Options.defaults());
    assertTrue(e.contains("not valid CSV"), e);
  }

  @Test
  void readsTheEmbeddedDatasets() throws IOException {
    for (String name : new String[] {"AirPassengers", "co2", "sunspot.month"}) {
      TimeSeries s = Datasets.load(name);
      assertEquals(Frequency.MONTHLY, s.frequency(), name);
      assertTrue(s.size() >= 144, name);
    }
    assertEquals(112, Datasets.load("AirPassengers").values()[0], 0);
  }
}
