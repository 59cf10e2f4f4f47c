package org.rnnkit.data;

import java.time.LocalDate;

/**
 * How often a time series is observed, and the season that frequency implies: the number of
 * observations in one natural cycle (12 months in a year, 4 quarters, 7 days in a week).
 */
public enum Frequency {
  YEARLY(1),
  QUARTERLY(4),
  MONTHLY(12),
  WEEKLY(52),
  DAILY(7),
  /** No dates: observations are numbered; no season is implied. */
  UNDATED(1);

  private final int season;

  Frequency(int season) {
    this.season = season;
  }

  /** The season implied by the frequency: 12 for monthly, 4 quarterly, 1 yearly, ... */
  public int season() {
    return season;
  }

  /**
   * The M4 competition's forecast horizon for this frequency: 6 yearly, 8 quarterly, 18 monthly, 13
   * weekly, 14 daily; undated, two seasons and at least 6.
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
      case UNDATED -> Math.max(6, 2 * season);
    };
  }

  /**
   * The date {@code steps} observations after {@code date}; a month-end date stays at month ends
   * (2020-01-31, 2020-02-29, 2020-03-31).
   */
  public LocalDate advance(LocalDate date, int steps) {
    return switch (this) {
      case YEARLY -> monthEnd(date, date.plusYears(steps));
      case QUARTERLY -> monthEnd(date, date.plusMonths(3L * steps));
      case MONTHLY -> monthEnd(date, date.plusMonths(steps));
      case WEEKLY -> date.plusWeeks(steps);
      case DAILY -> date.plusDays(steps);
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
  public long stepsBetween(LocalDate from, LocalDate to) {
    long k =
        switch (this) {
          case YEARLY -> to.getYear() - from.getYear();
          case QUARTERLY ->
              Math.floorDiv(
                  java.time.temporal.ChronoUnit.MONTHS.between(
                      from.withDayOfMonth(1), to.withDayOfMonth(1)),
                  3);
          case MONTHLY ->
              java.time.temporal.ChronoUnit.MONTHS.between(
                  from.withDayOfMonth(1), to.withDayOfMonth(1));
          case WEEKLY -> Math.floorDiv(java.time.temporal.ChronoUnit.DAYS.between(from, to), 7);
          case DAILY -> java.time.temporal.ChronoUnit.DAYS.between(from, to);
          case UNDATED -> throw new IllegalStateException("an undated series has no dates");
        };
    if (!advance(from, (int) k).equals(to)) {
      throw new IllegalArgumentException(
          "%s is not a whole number of %s steps from %s"
              .formatted(format(to), name().toLowerCase(java.util.Locale.ROOT), format(from)));
    }
    return k;
  }

  private static LocalDate monthEnd(LocalDate from, LocalDate to) {
    return from.getDayOfMonth() == from.lengthOfMonth()
        ? to.withDayOfMonth(to.lengthOfMonth())
        : to;
  }

  /** The date written as this frequency writes it: 1960, 1960-Q3, 1960-07, 1960-07-15. */
  public String format(LocalDate date) {
    return switch (this) {
      case YEARLY -> String.valueOf(date.getYear());
      case QUARTERLY -> date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
      case MONTHLY -> "%d-%02d".formatted(date.getYear(), date.getMonthValue());
      case WEEKLY, DAILY -> date.toString();
      case UNDATED -> throw new IllegalStateException("an undated series has no dates");
    };
  }
}
