package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueTest {
  private static final Catalogue.Options DEFAULTS = Catalogue.Options.defaults();

  private static Catalogue longTable(String csv, Catalogue.Options options) throws IOException {
    return LongTableReader.read("sales.csv", new StringReader(csv), options);
  }

  private static String longError(String csv, Catalogue.Options options) {
    return assertThrows(IllegalArgumentException.class, () -> longTable(csv, options)).getMessage();
  }

  private static Catalogue wide(String csv) throws IOException {
    return WideTableReader.read("Weekly-train.csv", new StringReader(csv), DEFAULTS);
  }

  @Test
  void longTableWithInterleavedSeriesOfDifferentLengthsAndStarts() throws IOException {
    Catalogue c =
        longTable(
            """
            series_id,date,value
            A,2020-01,1
            B,2020-03,10
            A,2020-02,2
            B,2020-04,11
            A,2020-03,3
            """,
            DEFAULTS);
    assertEquals(2, c.size());
    assertEquals(Frequency.MONTHLY, c.frequency());
    assertEquals(12, c.season());
    assertEquals(5, c.values());
    CatalogueSeries a = c.series().get(0);
    assertEquals("A", a.id());
    assertArrayEquals(new double[] {1, 2, 3}, a.values(), 0);
    assertEquals(LocalDate.of(2020, 1, 1).atStartOfDay(), a.start());
    CatalogueSeries b = c.series().get(1);
    assertArrayEquals(new double[] {10, 11}, b.values(), 0);
    TimeSeries bs = b.toTimeSeries();
    assertEquals("2020-03", bs.label(0));
    assertEquals("2020-05", bs.label(2));
  }

  @Test
  void longTableColumnsCanBeNamedAndTheSeasonGiven() throws IOException {
    Catalogue c =
        longTable(
            "store,week,sales,other\ns1,2024-01-01,5,x\ns1,2024-01-08,6,y\n",
            new Catalogue.Options("store", "week", "sales", 0));
    assertEquals(Frequency.WEEKLY, c.frequency());
    assertEquals(52, c.season());
    assertArrayEquals(new double[] {5, 6}, c.series().get(0).values(), 0);
    Catalogue given =
        longTable(
            "store,week,sales\ns1,2024-01-01,5\n",
            new Catalogue.Options("store", "week", "sales", 1));
    assertEquals(1, given.season());
  }

  @Test
  void aLongTableWithoutItsIdColumnIsRefused() {
    String e = longError("date,value\n2020-01,1\n", DEFAULTS);
    assertTrue(e.startsWith("sales.csv has no id column 'series_id'"), e);
    assertTrue(e.contains("[date, value]") && e.contains("--id-column"), e);
  }

  @Test
  void aLongTableSeparatedBySemicolonsOrTabsIsRefusedNamingTheSeparator() {
    String semicolons = longError("series_id;date;value\nA;2020-01;1,5\n", DEFAULTS);
    assertTrue(semicolons.startsWith("sales.csv separates its columns with ';'"), semicolons);
    assertTrue(semicolons.contains("save it as comma-separated"), semicolons);
    String tabs = longError("series_id\tdate\tvalue\nA\t2020-01\t1\n", DEFAULTS);
    assertTrue(tabs.startsWith("sales.csv separates its columns with tabs"), tabs);
  }

  @Test
  void aRepeatedIdAndDateIsRefusedEvenWhenNotAdjacent() {
    String adjacent = longError("series_id,date,value\nA,2020-01,1\nA,2020-01,2\n", DEFAULTS);
    assertTrue(adjacent.contains("sales.csv line 3: series 'A' has a second row for"), adjacent);
    String earlier =
        longError(
            "series_id,date,value\nA,2020-01,1\nA,2020-02,2\nA,2020-03,3\nA,2020-02,4\n", DEFAULTS);
    assertTrue(earlier.contains("line 5: series 'A' has a second row for 2020-02"), earlier);
  }

  @Test
  void datesOutOfOrderWithinASeriesAreRefused() {
    String e = longError("series_id,date,value\nA,2020-03,1\nA,2020-01,2\n", DEFAULTS);
    assertTrue(e.contains("line 3: series 'A' goes back from 2020-03 to 2020-01"), e);
    assertTrue(e.contains("sort each series' rows by date"), e);
  }

  @Test
  void mixedFrequenciesNeedAGivenSeason() throws IOException {
    String csv = "series_id,date,value\nM,2020-01,1\nM,2020-02,2\nQ,2020-Q1,5\nQ,2020-Q2,6\n";
    String e = longError(csv, DEFAULTS);
    assertTrue(
        e.contains(
            "mixes series of different frequencies (monthly: 1, e.g. M; quarterly: 1, e.g. Q)"),
        e);
    assertTrue(e.contains("--season"), e);
    Catalogue c = longTable(csv, DEFAULTS.withSeason(4));
    assertNull(c.frequency());
    assertEquals(4, c.season());
  }

  @Test
  void anEmptyCatalogueIsRefused() {
    String e = longError("series_id,date,value\n", DEFAULTS);
    assertTrue(e.startsWith("sales.csv holds no series"), e);
    var wideEmpty = assertThrows(IllegalArgumentException.class, () -> wide("\"V1\",\"V2\"\n"));
    assertTrue(wideEmpty.getMessage().contains("holds no series"), wideEmpty.getMessage());
  }

  @Test
  void aBadValueOrAGapSpoilsOnlyItsOwnSeries() throws IOException {
    Catalogue c =
        longTable(
            """
            series_id,date,value
            A,2020-01,1
            B,2020-01,5
            A,2020-02,oops
            B,2020-02,6
            A,2020-03,3
            C,2020-01,1
            C,2020-02,2
            C,2020-04,4
            """,
            DEFAULTS);
    assertEquals(3, c.size());
    assertEquals("sales.csv line 4: 'oops' is not a number", c.series().get(0).problem());
    assertTrue(c.series().get(1).usable());
    assertTrue(
        c.series().get(2).problem().contains("line 9: the dates jump from 2020-02 to 2020-04"));
    assertEquals(1, c.usable().size());
    assertThrows(IllegalStateException.class, () -> c.series().get(0).toTimeSeries());
  }

  @Test
  void aOneValueSeriesTakesTheCatalogueFrequency() throws IOException {
    Catalogue c =
        longTable("series_id,date,value\nA,2020-01,1\nA,2020-02,2\nB,2021-06,7\n", DEFAULTS);
    assertEquals(Frequency.MONTHLY, c.series().get(1).frequency());
    assertEquals("2021-07", c.series().get(1).toTimeSeries().label(1));
  }

  @Test
  void m4WideTableRowsOfDifferentLengths() throws IOException {
    Catalogue c =
        wide(
            """
            "V1","V2","V3","V4"
            "W1","10.5","11","12"
            "W2","3","4",""
            "W3","7","x",""
            "W4","1","","2"
            """);
    assertEquals(Frequency.UNDATED, c.frequency());
    assertEquals(1, c.season());
    assertEquals(4, c.size());
    assertArrayEquals(new double[] {10.5, 11, 12}, c.series().get(0).values(), 0);
    assertArrayEquals(new double[] {3, 4}, c.series().get(1).values(), 0);
    assertNull(c.series().get(1).start());
    assertEquals(
        "Weekly-train.csv line 4, value 2: 'x' is not a number", c.series().get(2).problem());
    assertEquals(
        "Weekly-train.csv line 5, value 2: the value is missing", c.series().get(3).problem());
    var twice = assertThrows(IllegalArgumentException.class, () -> wide("V1,V2\nW1,1\nW1,2\n"));
    assertTrue(twice.getMessage().contains("series 'W1' has a second row"), twice.getMessage());
  }

  @Test
  void folderOfSeriesFiles(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("b.csv"), "month,sales\n2020-03,5\n2020-04,6\n2020-05,7\n");
    Files.writeString(dir.resolve("a.csv"), "date,value\n2019-01,1\n2019-02,2\n");
    Files.writeString(dir.resolve("bad.csv"), "date,value\n2019-01,1\n2019-02,n/a\n");
    Files.writeString(dir.resolve("notes.txt"), "not a series");
    Catalogue c = Catalogue.read(dir, DEFAULTS);
    assertEquals(Catalogue.Format.FOLDER, Catalogue.detect(dir));
    assertEquals(3, c.size());
    assertEquals("a", c.series().get(0).id());
    assertEquals("b", c.series().get(1).id());
    assertArrayEquals(new double[] {5, 6, 7}, c.series().get(1).values(), 0);
    assertEquals(LocalDate.of(2020, 3, 1).atStartOfDay(), c.series().get(1).start());
    assertEquals(Frequency.MONTHLY, c.frequency());
    assertTrue(
        c.series().get(2).problem().contains("'n/a' is not a number"), c.series().get(2).problem());
  }

  /**
   * A file of a folder whose dates are in a form not read was an undated series; it is an error row
   * naming the forms read, and the other files stay usable.
   */
  @Test
  void aFolderFileOfDatesInAnotherFormIsItsErrorRow(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.csv"), "date,value\n2019-01,1\n2019-02,2\n");
    Files.writeString(dir.resolve("us.csv"), "date,value\n01/15/2020,1\n01/16/2020,2\n");
    Catalogue c = Catalogue.read(dir, DEFAULTS);
    assertTrue(c.series().get(0).usable());
    String problem = c.series().get(1).problem();
    assertTrue(
        problem != null
            && problem.startsWith("us.csv line 2, column 'date': '01/15/2020' is not a date")
            && problem.contains(TimeSeriesCsv.DATE_FORMS),
        problem);
  }

  /** The long table's date column already refused such dates, row by row in their series. */
  @Test
  void aLongTableDateInAnotherFormIsItsSeriesErrorRow() throws IOException {
    Catalogue c =
        longTable("series_id,date,value\nA,2019-01,1\nA,2019-02,2\nB,01/15/2020,1\n", DEFAULTS);
    assertTrue(c.series().get(0).usable());
    assertEquals(
        "sales.csv line 4: '01/15/2020' is not a date like " + TimeSeriesCsv.DATE_FORMS,
        c.series().get(1).problem());
  }

  @Test
  void anEmptyFolderIsRefused(@TempDir Path dir) {
    var e = assertThrows(IllegalArgumentException.class, () -> Catalogue.read(dir, DEFAULTS));
    assertTrue(e.getMessage().contains("holds no series"), e.getMessage());
  }

  @Test
  void theLayoutIsDetectedFromThePath(@TempDir Path dir) throws IOException {
    Path m4 =
        Files.writeString(dir.resolve("m4.csv"), "\"V1\",\"V2\",\"V3\"\n\"Y1\",\"1\",\"2\"\n");
    Path table = Files.writeString(dir.resolve("long.csv"), "series_id,date,value\nA,2020,1\n");
    assertEquals(Catalogue.Format.WIDE, Catalogue.detect(m4));
    assertEquals(Catalogue.Format.LONG, Catalogue.detect(table));
    assertArrayEquals(
        new double[] {1, 2}, Catalogue.read(m4, DEFAULTS).series().get(0).values(), 0);
    assertEquals(Frequency.YEARLY, Catalogue.read(table, DEFAULTS).frequency());
    var missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> Catalogue.read(dir.resolve("none.csv"), DEFAULTS));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }

  @Test
  void aLongTableThatIsNotUtf8IsRefusedNamingTheByteEvenPastTheFirstBlock(@TempDir Path dir)
      throws IOException {
    // a Latin-1 e-acute (0xE9) in an id, after 70,000 bytes of good rows: past the checker's first
    // 64 KiB block, so its offset counts the blocks before it
    StringBuilder sb = new StringBuilder("series_id,date,value\n");
    for (int t = 0; sb.length() < 70_000; t++) {
      sb.append("A,%d,%d%n".formatted(1000 + t, t));
    }
    byte[] good = sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] bad = "caf\u00e9,2020,1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] all = java.util.Arrays.copyOf(good, good.length + bad.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    Path file = Files.write(dir.resolve("latin1.csv"), all);
    var e = assertThrows(IllegalArgumentException.class, () -> Catalogue.read(file, DEFAULTS));
    assertEquals(
        file
            + " is not UTF-8 text (byte 0xE9 at offset %d is invalid); convert it, e.g. iconv -f"
                .formatted(good.length + 3)
            + " latin1 -t utf-8",
        e.getMessage());
    // the same in the first line: the layout cannot be detected either
    Path header = Files.write(dir.resolve("header.csv"), new byte[] {'i', 'd', (byte) 0xE9, '\n'});
    var first =
        assertThrows(IllegalArgumentException.class, () -> Catalogue.read(header, DEFAULTS));
    assertTrue(first.getMessage().contains("byte 0xE9 at offset 2"), first.getMessage());
  }

  @Test
  void aUtf8ByteOrderMarkIsDroppedAndAnEmptyOrBinaryTableRefused(@TempDir Path dir)
      throws IOException {
    Path marked =
        Files.writeString(dir.resolve("marked.csv"), "\uFEFFseries_id,date,value\nA,2020,1\n");
    assertEquals("A", Catalogue.read(marked, DEFAULTS).series().get(0).id());
    Path empty = Files.writeString(dir.resolve("empty.csv"), "\uFEFF");
    var e = assertThrows(IllegalArgumentException.class, () -> Catalogue.read(empty, DEFAULTS));
    assertEquals(empty + " is empty; give a UTF-8 text file", e.getMessage());
    Path binary = Files.write(dir.resolve("binary.csv"), new byte[] {'s', 'e', 0, 'x', '\n'});
    var b = assertThrows(IllegalArgumentException.class, () -> Catalogue.read(binary, DEFAULTS));
    assertTrue(b.getMessage().contains("a NUL byte at offset 2"), b.getMessage());
    Path utf16 = Files.write(dir.resolve("utf16.csv"), new byte[] {(byte) 0xFF, (byte) 0xFE, 'a'});
    var u = assertThrows(IllegalArgumentException.class, () -> Catalogue.read(utf16, DEFAULTS));
    assertTrue(u.getMessage().contains("is UTF-16 text"), u.getMessage());
  }

  @Test
  void aFileInAFolderThatIsNotUtf8BecomesItsErrorRow(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.csv"), "date,value\n2019-01,1\n2019-02,2\n");
    Path latin = dir.resolve("b.csv");
    Files.write(
        latin,
        "date,value\n2019-01,1\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Catalogue c = Catalogue.read(dir, DEFAULTS);
    assertEquals(2, c.size());
    assertTrue(c.series().get(0).usable());
    assertEquals(
        latin
            + " is not UTF-8 text (byte 0xE9 at offset 20 is invalid); convert it, e.g. iconv -f"
            + " latin1 -t utf-8",
        c.series().get(1).problem());
  }

  @Test
  void seriesFromRowsInAnyOrderIsReadAsTheLongTableReadsIt() throws IOException {
    CatalogueSeries shuffled =
        CatalogueSeries.fromRows(
            "t",
            "A",
            java.util.List.of("2020-03", "2020-01", "2020-02"),
            java.util.List.of("3", "1", "2"));
    CatalogueSeries read =
        longTable("series_id,date,value\nA,2020-01,1\nA,2020-02,2\nA,2020-03,3\n", DEFAULTS)
            .series()
            .get(0);
    assertNull(shuffled.problem());
    assertEquals(read.start(), shuffled.start());
    assertEquals(Frequency.MONTHLY, shuffled.frequency());
    assertArrayEquals(read.values(), shuffled.values(), 0);
  }

  @Test
  void seriesFromRowsMarksOnlyThatSeriesForARepeatedDateABadDateOrABadValue() {
    var dates = java.util.List.of("2020-01", "2020-02", "2020-02");
    assertTrue(
        CatalogueSeries.fromRows("t", "A", dates, java.util.List.of("1", "2", "3"))
            .problem()
            .contains("series 'A' has a second row for 2020-02"));
    assertTrue(
        CatalogueSeries.fromRows(
                "t", "B", java.util.Arrays.asList("2020", null), java.util.List.of("1", "2"))
            .problem()
            .contains("'' is not a date"));
    assertTrue(
        CatalogueSeries.fromRows(
                "t", "C", java.util.List.of("2020", "2021"), java.util.Arrays.asList("1", "x1"))
            .problem()
            .contains("'x1' is not a number"));
    assertTrue(
        CatalogueSeries.fromRows(
                "t", "D", java.util.List.of("2020", "2021"), java.util.Arrays.asList("1", null))
            .problem()
            .contains("the value is missing"));
  }

  @Test
  void hourlyLongTableHasSeason24AndKeepsItsHours() throws IOException {
    Catalogue c =
        longTable(
            """
            series_id,date,value
            s1,2024-01-31 22:00,1
            s2,2024-01-31T23:00:00,10
            s1,2024-01-31 23:00,2
            s2,2024-02-01T00:00:00,11
            s1,2024-02-01 00:00,3
            """,
            DEFAULTS);
    assertEquals(Frequency.HOURLY, c.frequency());
    assertEquals(24, c.season());
    assertEquals(48, c.frequency().defaultHorizon(c.season()));
    CatalogueSeries s1 = c.series().get(0);
    assertEquals(java.time.LocalDateTime.of(2024, 1, 31, 22, 0), s1.start());
    assertArrayEquals(new double[] {1, 2, 3}, s1.values(), 0);
    TimeSeries t2 = c.series().get(1).toTimeSeries();
    assertEquals("2024-01-31 23:00", t2.label(0));
    assertEquals("2024-02-01 01:00", t2.label(2));
  }

  @Test
  void hourlyAndDailySeriesMixOnlyWithAGivenSeason() throws IOException {
    String table =
        "series_id,date,value\nh,2024-01-01 00:00,1\nh,2024-01-01 01:00,2\n"
            + "d,2024-01-01,5\nd,2024-01-02,6\n";
    String mixed = longError(table, DEFAULTS);
    assertTrue(
        mixed.contains("different frequencies (hourly: 1, e.g. h; daily: 1, e.g. d)")
            && mixed.contains("--season"),
        mixed);
    Catalogue given = longTable(table, DEFAULTS.withSeason(24));
    assertNull(given.frequency());
    assertEquals("2024-01-01 02:00", given.series().get(0).toTimeSeries().label(2));
    assertEquals("2024-01-03", given.series().get(1).toTimeSeries().label(2));
  }

  @Test
  void anHourlyGapIsAnErrorRowAndARepeatedHourRefusesTheTable() throws IOException {
    Catalogue c =
        longTable(
            "series_id,date,value\ng,2024-03-31 00:00,0\ng,2024-03-31 01:00,1\n"
                + "g,2024-03-31 03:00,2\nok,2024-03-31 01:00,1\nok,2024-03-31 02:00,2\n"
                + "two,2024-01-01 00:00,1\ntwo,2024-01-01 02:00,2\ntwo,2024-01-01 04:00,3\n"
                + "three,2024-01-01 00:00,1\nthree,2024-01-01 01:00,2\n"
                + "three,2024-01-01 04:00,3\n",
            DEFAULTS);
    String gap = c.series().get(0).problem();
    assertTrue(
        gap.contains("line 4: the dates jump from 2024-03-31 01:00 to 2024-03-31 03:00")
            && gap.contains("no zone"),
        gap);
    assertTrue(c.series().get(1).usable());
    // two-hourly, or an hourly series jumping three hours: no clock change, so no zone hint
    for (int i = 2; i < 4; i++) {
      String p = c.series().get(i).problem();
      assertTrue(p.contains("the dates jump") && !p.contains("no zone"), p);
    }
    String twice =
        longError(
            "series_id,date,value\nr,2024-10-27 01:00,1\nr,2024-10-27 02:00,2\n"
                + "r,2024-10-27 02:00,3\n",
            DEFAULTS);
    assertTrue(
        twice.contains("line 4: series 'r' has a second row for 2024-10-27 02:00")
            && twice.contains("no zone"),
        twice);
  }

  @Test
  void hourlyRowsInAnyOrderAreReadAsTheLongTableReadsThem() throws IOException {
    CatalogueSeries shuffled =
        CatalogueSeries.fromRows(
            "t",
            "A",
            java.util.List.of("2024-01-02 00:00", "2024-01-01 22:00", "2024-01-01T23:00"),
            java.util.List.of("3", "1", "2"));
    assertNull(shuffled.problem());
    assertEquals(Frequency.HOURLY, shuffled.frequency());
    assertEquals(java.time.LocalDateTime.of(2024, 1, 1, 22, 0), shuffled.start());
    assertArrayEquals(new double[] {1, 2, 3}, shuffled.values(), 0);
  }

  @Test
  void aFolderOfHourlyFilesIsHourly(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.csv"), "time,kw\n2024-01-01 00:00,1\n2024-01-01 01:00,2\n");
    Files.writeString(dir.resolve("b.csv"), "time,kw\n2024-01-05T10:00,7\n2024-01-05T11:00,8\n");
    Catalogue c = Catalogue.read(dir, DEFAULTS);
    assertEquals(Frequency.HOURLY, c.frequency());
    assertEquals(24, c.season());
    assertEquals(java.time.LocalDateTime.of(2024, 1, 5, 10, 0), c.series().get(1).start());
  }
}
