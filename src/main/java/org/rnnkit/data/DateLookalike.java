package org.rnnkit.data;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises text written as a date or time in a form the readers do not parse ({@link
 * TimeSeriesCsv#DATE_FORMS}), so that such a column is refused instead of being taken for labels
 * and the series read undated. The shapes recognised, after a zone suffix ({@code Z}, {@code
 * +01:00}, {@code UTC}) and {@code AM}/{@code PM} after a time are set aside:
 *
 * <ul>
 *   <li>three groups of digits joined by {@code - / .}, with or without a time of day: {@code
 *       01/15/2020}, {@code 15.01.2020}, {@code 2020/01/15}, {@code 2020-02-30};
 *   <li>a month and a year joined by {@code /} or {@code -}: {@code 01/2020}, {@code 2020/01},
 *       {@code 2020-13};
 *   <li>quarters, weeks and months written otherwise: {@code Q3 1960}, {@code 1960 Q3}, {@code
 *       2020-W05}, {@code 2020M01};
 *   <li>a time of day alone: {@code 13:00};
 *   <li>English month names (whole or cut to three letters) with digits, and optionally weekday
 *       names: {@code Jan 2020}, {@code 15-Jan-2020}, {@code January 15, 2020};
 *   <li>in a column whose header names a date only: text of digits and {@code - / . :} alone
 *       ({@code 1/15}), and eight digits that are a valid date {@code yyyyMMdd} ({@code 20200115},
 *       otherwise a number).
 * </ul>
 *
 * A number (other than {@code yyyyMMdd} under a date header), a missing marker and text without a
 * digit never look like a date: an index column 1, 2, 3 and a column of labels stay as they were.
 */
final class DateLookalike {
  private static final String TIME_OF_DAY = "\\d{1,2}(?::\\d{2}){1,2}(?:[.,]\\d+)?";

  /** A zone written after a time: {@code Z}, {@code +01:00}, {@code -0500}, {@code UTC}, ... */
  private static final Pattern ZONED =
      Pattern.compile(
          "(.*\\d:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?)\\s*"
              + "(Z|[+-]\\d{2}(?::?\\d{2})?|(?:UTC|GMT)(?:[+-]\\d{1,2}(?::?\\d{2})?)?)"
              + "(?:\\[[^]]+])?");

  /** A 12-hour clock's AM or PM after a time. */
  private static final Pattern TWELVE_HOUR =
      Pattern.compile("(.*\\d(?::\\d{2}){0,2})\\s*[AP]\\.?M\\.?");

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
    return TimeSeriesCsv.parseDate(t) != null
        || SHAPES.matcher(t).matches()
        || isWrittenOut(t)
        || dateHeader && DIGITS_AND_SEPARATORS.matcher(t).matches();
  }

  /**
   * The zone suffix after a time ({@code Z}, {@code +01:00}, {@code UTC}, ...) in capitals, or null
   * when there is none.
   */
  static String zoneSuffix(String text) {
    Matcher m = ZONED.matcher(text.trim().toUpperCase(Locale.ROOT));
    return m.matches() ? m.group(2) : null;
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
