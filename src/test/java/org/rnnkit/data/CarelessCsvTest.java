package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: files a careless user gives. A UTF-8 byte order mark is not part of the first column's
 * name; a semicolon-separated file is read with a notice; a decimal comma is named as such.
 */
class CarelessCsvTest {
  private final List<String> notices = new ArrayList<>();

  private TimeSeries read(String csv, String column) throws IOException {
    return TimeSeriesCsv.read(
        "test", new StringReader(csv), new TimeSeriesCsv.Options(column, false), notices::add);
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstColumnsName() throws IOException {
    TimeSeries s = read("\uFEFFvalue,other\n1,9\n2,9\n3,9\n", "value");
    assertArrayEquals(new double[] {1, 2, 3}, s.values(), 0);
  }

  @Test
  void aSemicolonSeparatedFileIsReadWithANotice() throws IOException {
    TimeSeries s = read("date;value\n1990-01;1.5\n1990-02;2.5\n1990-03;3.5\n", null);
    assertArrayEquals(new double[] {1.5, 2.5, 3.5}, s.values(), 0);
    assertTrue(notices.toString().contains("';'"), notices.toString());
  }

  @Test
  void aDecimalCommaIsNamed() {
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> read("date;value\n1990-01;1,5\n1990-02;2,5\n", null))
            .getMessage();
    assertTrue(m.contains("'1,5'") && m.contains("decimal comma"), m);
  }
}
