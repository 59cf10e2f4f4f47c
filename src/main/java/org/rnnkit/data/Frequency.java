package org.rnnkit.data;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How often a time series is observed, and the season that frequency implies: the number of
 * observations in one natural cycle (12 months in a year, 4 quarters, 7 days in a week, 24 hours in
 * a day). Times are local wall-clock times with no zone ({@link LocalDateTime}); a date is its
 * midnight. They are taken as given: across a daylight-saving change an hourly series shows a gap
 * or a repeated hour, as it was written.
 */
public enum Frequency {
  YEARLY(1),
  QUARTERLY(4),
  MONTHLY(12),
  WEEKLY(52),
  DAILY(7),
  HOURLY(24),
  /** No dates: observations are numbered; no season is implied. */
  UNDATED(1);

  private final int season;

  Frequency(int season) {
    this.season = season;
  }

  /** The season implied by the frequency: 12 for monthly, 4 quarterly, 24 hourly, 1 yearly, ... */
  public int season() {
    return season;
  }

  /**
   * The M4 competition's forecast horizon for this frequency: 6 yearly, 8 quarterly, 18 monthly, 13
   * weekly, 14 daily, 48 hourly; undated, two seasons and at least 6.
   *
   * @param season the season m of an undated series
   */
  public int defaultHorizon(int season) {
    return switch (this) {
      case YEARLY -> 6;
      case QUARTERLY -> 8;
      case MONTHLY -> 18;
      case WEEKLY -> 13;
      case DAILY -> 14;
      case HOURLY -> 48;
      case UNDATED -> Math.max(6, 2 * season);
    };
  }

  /**
   * The time {@code steps} observations after {@code time}; a month-end date stays at month ends
   * (2020-01-31, 2020-02-29, 2020-03-31); the time of day is kept except hourly.
   */
  public LocalDateTime advance(LocalDateTime time, int steps) {
    return switch (this) {
      case YEARLY -> monthEnd(time, time.plusYears(steps));
      case QUARTERLY -> monthEnd(time, time.plusMonths(3L * steps));
      case MONTHLY -> monthEnd(time, time.plusMonths(steps));
      case WEEKLY -> time.plusWeeks(steps);
      case DAILY -> time.plusDays(steps);
      case HOURLY -> time.plusHours(steps);
      case UNDATED -> throw new IllegalStateException("an undated series has no dates to advance");
    };
  }

  /**
   * The number of observations from {@code from} to {@code to} (negative when {@code to} is
   * earlier): the k with {@code advance(from, k) = to}.
   *
   * @throws IllegalArgumentException when {@code to} is not a whole number of steps from {@code
   *     from}
   */
  public long stepsBetween(LocalDateTime from, LocalDateTime to) {
    long k =
        switch (this) {
          case YEARLY -> to.getYear() - from.getYear();
          case QUARTERLY -> Math.floorDiv(monthsBetween(from, to), 3);
          case MONTHLY -> monthsBetween(from, to);
          case WEEKLY -> Math.floorDiv(ChronoUnit.DAYS.between(from, to), 7);
          case DAILY -> ChronoUnit.DAYS.between(from, to);
          case HOURLY -> ChronoUnit.HOURS.between(from, to);
          case UNDATED -> throw new IllegalStateException("an undated series has no dates");
        };
    if (k != (int) k || !advance(from, (int) k).equals(to)) {
      throw new IllegalArgumentException(
          "%s is not a whole number of %s steps from %s"
              .formatted(format(to), name().toLowerCase(Locale.ROOT), format(from)));
    }
    return k;
  }

  /** Calendar months from {@code from}'s month to {@code to}'s, days and times ignored. */
  private static long monthsBetween(LocalDateTime from, LocalDateTime to) {
    return (to.getYear() - from.getYear()) * 12L + to.getMonthValue() - from.getMonthValue();
  }

  private static LocalDateTime monthEnd(LocalDateTime from, LocalDateTime to) {
    return from.getDayOfMonth() == from.toLocalDate().lengthOfMonth()
        ? to.withDayOfMonth(to.toLocalDate().lengthOfMonth())
        : to;
  }

  /**
   * The time written as this frequency writes it: 1960, 1960-Q3, 1960-07, 1960-07-15 (weekly and
   * daily, with the time of day as hourly when it is not midnight), 1960-07-15 13:00 (hourly, with
   * seconds when they are not 0: 1960-07-15 13:00:30). Each form is read back as the same time.
   */
  public String format(LocalDateTime time) {
    return switch (this) {
      case YEARLY -> String.valueOf(time.getYear());
      case QUARTERLY -> time.getYear() + "-Q" + ((time.getMonthValue() - 1) / 3 + 1);
      case MONTHLY -> "%d-%02d".formatted(time.getYear(), time.getMonthValue());
      case WEEKLY, DAILY ->
          time.toLocalTime().equals(LocalTime.MIDNIGHT)
              ? time.toLocalDate().toString()
              : withTimeOfDay(time);
      case HOURLY -> withTimeOfDay(time);
      case UNDATED -> throw new IllegalStateException("an undated series has no dates");
    };
  }

  /** {@code 1960-07-15 13:00}, or {@code 1960-07-15 13:00:30} when the seconds are not 0. */
  private static String withTimeOfDay(LocalDateTime time) {
    String minutes = "%s %02d:%02d".formatted(time.toLocalDate(), time.getHour(), time.getMinute());
    return time.getSecond() == 0 ? minutes : minutes + ":%02d".formatted(time.getSecond());
  }
}
