package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DateLookalikeTest {

  /** Valid calendar dates in other forms, written-out dates, quarters, weeks: in any column. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "01/15/2020",
        "15/01/2020",
        "15.01.2020",
        "1.2.2020",
        "29.02.2020",
        "2020/01/15",
        "2020.01.15",
        "2020/1/5",
        "01/15/2020 13:00",
        "2024-01-01T13:00Z",
        "2024-01-01T13:00:00Z",
        "2024-01-01T13:00+01:00",
        "2024-01-01 13:00:00-0500",
        "2024-01-01 13:00 UTC",
        "2024-01-01T13:00:00.000Z",
        "2024-01-01 13:00:00.5",
        "2024-01-01 1:00 PM",
        "Jan 2020",
        "jan-2020",
        "2020-Jan",
        "15-Jan-2020",
        "15Jan2020",
        "January 15, 2020",
        "Mon, 15th January 2020",
        "Q3 1960",
        "1960 Q3",
        "2020-W05",
        "2020W05-3",
        "2020M01"
      })
  void looksLikeADateInAnyColumn(String text) {
    assertNull(TimeSeriesCsv.parseDate(text), text + " is read, so it is no test case");
    assertTrue(DateLookalike.looksLikeDate(text, false), text);
    assertTrue(DateLookalike.looksLikeDate(text, true), text);
  }

  /**
   * Numbers, missing markers, labels and the forms read never look like unread dates; nor, under a
   * header that names no date, do digit groups that are no valid calendar date with a year from
   * 1000 to 2999 (a version, a code, a two-digit year, a day past the month's end), a month and a
   * year alone, a time of day alone or a range of times.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1",
        "1990",
        "20200115",
        "-3.5",
        "1e3",
        "",
        "NA",
        "NaN",
        "x",
        "total",
        "May",
        "run-1",
        "v1.2",
        "a/b",
        "sensor 3",
        "2020-2021",
        "1960-07-15",
        "1960-07",
        "1960-Q3",
        "1960-07-15 13:00",
        "1960-07-15T13:00:00",
        "1/15",
        "15.01.",
        "1.0.1",
        "10-20-30",
        "2023.10.1",
        "13/13/2020",
        "29.02.2021",
        "01/15/0999",
        "3000/01/15",
        "2020-01/15",
        "room 1 08:00-09:00"
      })
  void doesNotLookLikeAnUnreadDateUnderAnotherHeader(String text) {
    assertFalse(DateLookalike.looksLikeDate(text, false), text);
  }

  /**
   * Shapes of a date that are no valid calendar date, or only part of one, are dates under a date
   * header only: these were refused in any column before, and a label column of such text is read
   * undated again.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "20-01-15",
        "2020-02-30",
        "2020-13",
        "01/2020",
        "2020/01",
        "10/2020",
        "13:00",
        "3:10",
        "1:00 PM",
        "08:00-09:00",
        "1.0.1",
        "10-20-30",
        "1960-Q5",
        "Q3-60",
        "2020-W60",
        "2020M13"
      })
  void looksLikeADateUnderADateHeaderOnly(String text) {
    assertNull(TimeSeriesCsv.parseDate(text), text + " is read, so it is no test case");
    assertFalse(DateLookalike.looksLikeDate(text, false), text);
    assertTrue(DateLookalike.looksLikeDate(text, true), text);
  }

  /** Under a date header, compact yyyyMMdd and bare digit groups are dates too; numbers are not. */
  @Test
  void aDateHeaderAlsoTakesCompactDatesAndDigitGroups() {
    for (String text : new String[] {"20200115", "1/15", "15.01.", "2020 01"}) {
      assertTrue(DateLookalike.looksLikeDate(text, true), text);
    }
    for (String text : new String[] {"1", "55", "20201315", "1990", "12345678", "total", "1.5"}) {
      assertFalse(DateLookalike.looksLikeDate(text, true), text);
    }
  }

  @Test
  void theZoneSuffixIsNamed() {
    assertEquals("Z", DateLookalike.zoneSuffix("2024-01-01T13:00z"));
    assertEquals("+01:00", DateLookalike.zoneSuffix("2024-01-01T13:00+01:00"));
    assertEquals("-0500", DateLookalike.zoneSuffix("2024-01-01 13:00:00-0500"));
    assertEquals("UTC", DateLookalike.zoneSuffix("2024-01-01 13:00 UTC"));
    assertNull(DateLookalike.zoneSuffix("2024-01-01 13:00"));
    assertNull(DateLookalike.zoneSuffix("2020-01-15"));
    // after a time alone, or a range of times, a sign is no zone
    assertNull(DateLookalike.zoneSuffix("08:00-09:00"));
    assertNull(DateLookalike.zoneSuffix("13:00Z"));
    assertNull(DateLookalike.zoneSuffix("room 1 08:00-09:00"));
  }
}
