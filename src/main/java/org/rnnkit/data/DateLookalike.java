package org.rnnkit.data;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises text written as a date or time in a form the readers do not parse ({@link
 * TimeSeriesCsv#DATE_FORMS}), so that such a column is refused instead of being taken for labels
 * and the series read undated. A zone suffix ({@code Z}, {@code +01:00}, {@code UTC}) after a date
 * and a time, and {@code AM}/{@code PM} after a time, are set aside first. In any column, text that
 * can only be a date is recognised:
 *
 * <ul>
 *   <li>three groups of digits joined by one of {@code - / .}, with or without a time of day, that
 *       form a valid calendar date with a year from {@value #FIRST_YEAR} to {@value #LAST_YEAR}
 *       written in four digits, first or last: {@code 01/15/2020}, {@code 15.01.2020}, {@code
 *       2020/01/15} (a year first with dots needs two-digit month and day, {@code 2020.01.15}, as
 *       versions such as {@code 2023.10.1} are common);
 *   <li>quarters, weeks and months written otherwise, with such a year: {@code Q3 1960}, {@code
 *       1960 Q3}, {@code 2020-W05}, {@code 2020M01};
 *   <li>English month names (whole or cut to three letters) with digits, and optionally weekday
 *       names: {@code Jan 2020}, {@code 15-Jan-2020}, {@code January 15, 2020}.
 * </ul>
 *
 * In a column whose header names a date, the same shapes count whatever their numbers ({@code
 * 20-01-15}, {@code 2020-02-30}, {@code 1960-Q5}), and so do a month and a year ({@code 01/2020},
 * {@code 2020-13}), a time of day alone ({@code 13:00}), any text of digits and {@code - / . : }
 * alone ({@code 1/15}, {@code 1.0.1}), and eight digits that are a valid date {@code yyyyMMdd}
 * ({@code 20200115}, otherwise a number).
 *
 * <p>A number (other than {@code yyyyMMdd} under a date header), a missing marker and text without
 * a digit never look like a date; under another header neither do versions ({@code 1.0.1}), codes
 * ({@code 10-20-30}), a month and year ({@code 10/2020}), a time of day ({@code 3:10}) or a range
 * of times ({@code 08:00-09:00}): an index column 1, 2, 3 and a column of labels stay as they were.
 */
final class DateLookalike {
  /** The first year of a date recognised under a header that names no date. */
  static final int FIRST_YEAR = 1000;

  /** The last year of a date recognised under a header that names no date. */
  static final int LAST_YEAR = 2999;

  private static final String TIME_OF_DAY = "\\d{1,2}(?::\\d{2}){1,2}(?:[.,]\\d+)?";

  /**
   * A zone written after a date and a time: {@code Z}, {@code +01:00}, {@code -0500}, {@code UTC},
   * ...; the date ends in a digit and is set off from the time by a space, {@code T}, {@code _} or
   * a comma, so that a time alone or a range of times ({@code 08:00-09:00}) has no zone.
   */
  private static final Pattern ZONED =
      Pattern.compile(
          "(.*\\d(?:[ T_]+|,\\s*)\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?)\\s*"
              + "(Z|[+-]\\d{2}(?::?\\d{2})?|(?:UTC|GMT)(?:[+-]\\d{1,2}(?::?\\d{2})?)?)"
              + "(?:\\[[^]]+])?");

  /** A 12-hour clock's AM or PM after a time. */
  private static final Pattern TWELVE_HOUR =
      Pattern.compile("(.*\\d(?::\\d{2}){0,2})\\s*[AP]\\.?M\\.?");

  /**
   * Three groups of digits joined by one separator, with a time or not: 01/15/2020, 15.01.2020,
   * 2020/01/15.
   */
  private static final Pattern TRIPLE =
      Pattern.compile(
          "(\\d{1,4})([-/.])(\\d{1,2})\\2(\\d{1,4})"
              + "(?:(?:[ T_]+|,\\s*)\\d{1,2}(?::\\d{2}){0,2}(?:[.,]\\d+)?)?");

  /** A quarter before or after a year: Q3 1960, 1960 Q3. */
  private static final Pattern QUARTER =
      Pattern.compile("Q(\\d)[-/ ]?(\\d{4})|(\\d{4})[ /_-]?Q(\\d)");

  /** An ISO week, with a weekday or not: 2020-W05, 2020W05-3. */
  private static final Pattern WEEK = Pattern.compile("(\\d{4})-?W(\\d{1,2})(?:-?([1-7]))?");

  /** A Eurostat month: 2020M01. */
  private static final Pattern MONTH_OF_YEAR = Pattern.compile("(\\d{4})M(\\d{1,2})");

  /** Every shape counted under a date header, whatever its numbers. */
  private static final Pattern SHAPES =
      Pattern.compile(
          String.join(
              "|",
              // 01/15/2020, 15.01.2020, 2020/01/15, 20-01-15, 2020-02-30, with a time or not
              "\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}(?:(?:[ T_]+|,\\s*)\\d{1,2}(?::\\d{2}){0,2}(?:[.,]\\d+)?)?",
              // 01/2020, 2020/01, 2020-13
              "\\d{1,2}/\\d{4}|\\d{4}[-/]\\d{1,2}",
              // Q3 1960, Q3-60, 1960 Q3, 1960-Q5
              "Q[1-4][-/ ]?\\d{2,4}|\\d{4}[ /_-]?Q\\d",
              // ISO week 2020-W05 or 2020W05-3, Eurostat month 2020M01
              "\\d{4}-?W\\d{1,2}(?:-?\\d)?|\\d{4}M\\d{1,2}",
              TIME_OF_DAY));

  /** Digits and date separators alone, with at least two groups of digits: {@code 1/15}. */
  private static final Pattern DIGITS_AND_SEPARATORS =
      Pattern.compile("\\d+(?:[-/.: ]+\\d+)+[-/.:]?");

  private static final Pattern COMPACT = Pattern.compile("[12]\\d{7}");

  private static final Pattern MONTH =
      Pattern.compile(
          "JAN(UARY)?|FEB(RUARY)?|MAR(CH)?|APR(IL)?|MAY|JUNE?|JULY?|AUG(UST)?|SEPT?(EMBER)?"
              + "|OCT(OBER)?|NOV(EMBER)?|DEC(EMBER)?");

  private static final Pattern WEEKDAY_OR_ORDINAL =
      Pattern.compile(
          "MON(DAY)?|TUE(S(DAY)?)?|WED(NESDAY)?|THU(R(S(DAY)?)?)?|FRI(DAY)?|SAT(URDAY)?|SUN(DAY)?"
              + "|ST|ND|RD|TH|OF");

  /** Between the words of a written-out date, and where letters meet digits. */
  private static final Pattern WORD_BREAK =
      Pattern.compile("[\\s,./:_-]+|(?<=\\d)(?=[A-Z])|(?<=[A-Z])(?=\\d)");

  private DateLookalike() {}

  /**
   * Whether {@code text} looks like a date or time that {@link TimeSeriesCsv#parseDate} does not
   * read.
   *
   * @param dateHeader whether the column's header names a date ({@code date}, {@code month}, ...)
   */
  static boolean looksLikeDate(String text, boolean dateHeader) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (dateHeader && isCompactDate(t)) {
      return true;
    }
    if (TimeSeriesCsv.isMissingMarker(t)
        || TimeSeriesCsv.parseValue(t) != null
        || TimeSeriesCsv.parseDate(t) != null
        || t.chars().noneMatch(Character::isDigit)) {
      return false;
    }
    Matcher m;
    if ((m = ZONED.matcher(t)).matches()) {
      t = m.group(1).trim();
    }
    if ((m = TWELVE_HOUR.matcher(t)).matches()) {
      t = m.group(1).trim();
    }
    if (TimeSeriesCsv.parseDate(t) != null || isWrittenOut(t)) {
      return true;
    }
    return dateHeader
        ? SHAPES.matcher(t).matches() || DIGITS_AND_SEPARATORS.matcher(t).matches()
        : isCalendarDate(t);
  }

  /**
   * The zone suffix after a date and a time ({@code Z}, {@code +01:00}, {@code UTC}, ...) in
   * capitals, or null when there is none.
   */
  static String zoneSuffix(String text) {
    Matcher m = ZONED.matcher(text.trim().toUpperCase(Locale.ROOT));
    return m.matches()
            && (TimeSeriesCsv.parseDate(m.group(1)) != null || looksLikeDate(m.group(1), true))
        ? m.group(2)
        : null;
  }

  /**
   * Whether {@code t} (in capitals, without zone or AM/PM) is a valid calendar date, quarter, week
   * or month in a form of {@link #TRIPLE}, {@link #QUARTER}, {@link #WEEK} or {@link
   * #MONTH_OF_YEAR}, with a four-digit year from {@value #FIRST_YEAR} to {@value #LAST_YEAR}.
   */
  private static boolean isCalendarDate(String t) {
    Matcher m;
    if ((m = TRIPLE.matcher(t)).matches()) {
      String first = m.group(1);
      String middle = m.group(3);
      String last = m.group(4);
      if (first.length() == 4) {
        // a year first with dots: 2020.01.15, not a version 2023.10.1
        boolean padded = middle.length() == 2 && last.length() == 2;
        return last.length() <= 2
            && (padded || !m.group(2).equals("."))
            && isDate(number(first), number(middle), number(last));
      }
      // month/day/year or day.month.year
      return first.length() <= 2
          && last.length() == 4
          && (isDate(number(last), number(first), number(middle))
              || isDate(number(last), number(middle), number(first)));
    }
    if ((m = QUARTER.matcher(t)).matches()) {
      int quarter = number(m.group(1) != null ? m.group(1) : m.group(4));
      return isYear(number(m.group(1) != null ? m.group(2) : m.group(3)))
          && quarter >= 1
          && quarter <= 4;
    }
    if ((m = WEEK.matcher(t)).matches()) {
      int week = number(m.group(2));
      return isYear(number(m.group(1))) && week >= 1 && week <= 53;
    }
    if ((m = MONTH_OF_YEAR.matcher(t)).matches()) {
      int month = number(m.group(2));
      return isYear(number(m.group(1))) && month >= 1 && month <= 12;
    }
    return false;
  }

  /** Whether the year, month and day are a date in the years recognised. */
  private static boolean isDate(int year, int month, int day) {
    return isYear(year)
        && month >= 1
        && month <= 12
        && day >= 1
        && day <= YearMonth.of(year, month).lengthOfMonth();
  }

  private static boolean isYear(int year) {
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }

  private static int number(String digits) {
    return Integer.parseInt(digits);
  }

  /** Eight digits {@code yyyyMMdd} that are a valid date in the years 1000 to 2999. */
  private static boolean isCompactDate(String t) {
    if (!COMPACT.matcher(t).matches()) {
      return false;
    }
    try {
      LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Month names with digits, and nothing else than weekday names and ordinal suffixes. */
  private static boolean isWrittenOut(String t) {
    boolean month = false;
    boolean digits = false;
    for (String word : WORD_BREAK.split(t)) {
      if (word.isEmpty()) {
        continue;
      }
      if (MONTH.matcher(word).matches()) {
        month = true;
      } else if (word.chars().allMatch(Character::isDigit)) {
        digits = true;
      } else if (!WEEKDAY_OR_ORDINAL.matcher(word).matches()) {
        return false;
      }
    }
    return month && digits;
  }
}
