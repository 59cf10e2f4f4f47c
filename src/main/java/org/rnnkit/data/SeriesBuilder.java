package org.rnnkit.data;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Collects one series' values row by row, keeping only the numbers (a growing {@code double[]}),
 * its first and last date (and time of day) and the spacing between them. Dates must be regular:
 * the first two fix the frequency, and each later date must be exactly one step after the one
 * before. A date that is not after the last one is refused (a repeated date, or an earlier one),
 * since the catalogue cannot be read right; a missing or non-numeric value or a gap only marks the
 * series as having a problem, and the series takes no more values.
 */
final class SeriesBuilder {
  private final String id;
  private final boolean dated;
  private double[] values = new double[16];
  private int size;
  private LocalDateTime first;
  private LocalDateTime last;
  private String lastText;
  private Frequency frequency;
  private String problem;

  /**
   * @param id the series' id
   * @param dated whether its rows have dates
   */
  SeriesBuilder(String id, boolean dated) {
    this.id = id;
    this.dated = dated;
  }

  /**
   * Adds the value dated {@code date} (null in an undated series).
   *
   * @param dateText the date as written, for messages
   * @param text the value as written
   * @param where where the row is, for messages ("sales.csv line 12"); called only for one
   * @throws IllegalArgumentException for a repeated or earlier date
   */
  void add(LocalDateTime date, String dateText, String text, Supplier<String> where) {
    if (date != null && last != null && !date.isAfter(last)) {
      throw new IllegalArgumentException(
          date.equals(last) || isEarlierRow(date)
              ? "%s: series '%s' has a second row for %s; each (id, date) pair must appear once%s"
                  .formatted(
                      where.get(), id, dateText, TimeSeriesCsv.zoneHint(frequency, last, date))
              : "%s: series '%s' goes back from %s to %s; sort each series' rows by date"
                  .formatted(where.get(), id, lastText, dateText));
    }
    LocalDateTime previous = last;
    String previousText = lastText;
    if (date != null) {
      first = first == null ? date : first;
      last = date;
      lastText = dateText;
    }
    if (problem != null) {
      return;
    }
    if (date != null && previous != null) {
      Frequency step = frequency != null ? frequency : TimeSeriesCsv.spacing(previous, date);
      if (step == null || !step.advance(previous, 1).equals(date)) {
        problem =
            "%s: the dates jump from %s to %s; a series' dates must be regular (%s) with no gaps%s"
                .formatted(
                    where.get(),
                    previousText,
                    dateText,
                    TimeSeriesCsv.REGULAR,
                    TimeSeriesCsv.zoneHint(step, previous, date));
        return;
      }
      frequency = step;
    }
    Double v = TimeSeriesCsv.parseValue(text);
    if (v == null) {
      problem =
          "%s: %s"
              .formatted(
                  where.get(),
                  text.isBlank() ? "the value is missing" : "'" + text + "' is not a number");
      return;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  /** Whether an earlier row of this series already had this date (dates are regular so far). */
  private boolean isEarlierRow(LocalDateTime date) {
    if (frequency == null) {
      return date.equals(first);
    }
    try {
      long k = frequency.stepsBetween(first, date);
      return k >= 0 && k < size;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Marks the series unusable, unless it already is. */
  void fail(String reason) {
    if (problem == null) {
      problem = reason;
    }
  }

  CatalogueSeries build() {
    Frequency f = dated ? frequency : Frequency.UNDATED;
    String why = problem == null && size == 0 ? "no values" : problem;
    return new CatalogueSeries(id, first, f, Arrays.copyOf(values, size), why);
  }
}
