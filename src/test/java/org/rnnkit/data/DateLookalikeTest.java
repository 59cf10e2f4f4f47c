package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DateLookalikeTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01/15/2020",
        "15.01.2020",
        "2020/01/15",
        "2020.01.15",
        "20-01-15",
        "2020-02-30",
        "2020-13",
        "01/2020",
        "2020/01",
        "01/15/2020 13:00",
        "2024-01-01T13:00Z",
        "2024-01-01T13:00:00Z",
        "2024-01-01T13:00+01:00",
        "2024-01-01 13:00:00-0500",
        "2024-01-01 13:00 UTC",
        "2024-01-01T13:00:00.000Z",
        "2024-01-01 13:00:00.5",
        "2024-01-01 1:00 PM",
        "13:00",
        "Jan 2020",
        "jan-2020",
        "2020-Jan",
        "15-Jan-2020",
        "15Jan2020",
        "January 15, 2020",
        "Mon, 15th January 2020",
        "Q3 1960",
        "1960 Q3",
        "1960-Q5",
        "2020-W05",
        "2020M01"
      })
  void looksLikeADateInAnyColumn(String text) {
    assertNull(TimeSeriesCsv.parseDate(text), text + " is read, so it is no test case");
    assertTrue(DateLookalike.looksLikeDate(text, false), text);
  }

  /** Numbers, missing markers, labels and the forms read never look like unread dates. */
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
        "15.01."
      })
  void doesNotLookLikeAnUnreadDateUnderAnotherHeader(String text) {
    assertFalse(DateLookalike.looksLikeDate(text, false), text);
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
  }
}
