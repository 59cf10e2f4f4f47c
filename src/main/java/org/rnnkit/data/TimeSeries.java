package org.rnnkit.data;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * A univariate series observed at regular times: values oldest first, with their dates (or none)
 * and the frequency those dates follow. A date is a local date and time with no zone ({@link
 * LocalDateTime}): midnight for a file of dates, the hour of an hourly series.
 *
 * @param name what the series is, for titles and messages
 * @param dates one date (and time of day) per value, or null for an undated series
 * @param values the observations, all finite
 * @param frequency the spacing of the dates ({@link Frequency#UNDATED} without dates)
 */
public record TimeSeries(
    String name, List<LocalDateTime> dates, double[] values, Frequency frequency) {

  public TimeSeries {
    if (values.length == 0) {
      throw new IllegalArgumentException("series " + name + " has no values");
    }
    if (dates != null && dates.size() != values.length) {
      throw new IllegalArgumentException(
          "series %s has %d dates for %d values".formatted(name, dates.size(), values.length));
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "series %s has %s at position %d".formatted(name, values[i], i));
      }
    }
    dates = dates == null ? null : List.copyOf(dates);
    values = values.clone();
  }

  /** An undated series. */
  public static TimeSeries of(String name, double... values) {
    return new TimeSeries(name, null, values, Frequency.UNDATED);
  }

  public int size() {
    return values.length;
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** The first {@code n} observations. */
  public TimeSeries head(int n) {
    return new TimeSeries(
        name, dates == null ? null : dates.subList(0, n), Arrays.copyOf(values, n), frequency);
  }

  /** The observations from position {@code from} on. */
  public TimeSeries tail(int from) {
    return new TimeSeries(
        name,
        dates == null ? null : dates.subList(from, values.length),
        Arrays.copyOfRange(values, from, values.length),
        frequency);
  }

  /**
   * The label of observation i; positions past the end continue the dates by the frequency, so
   * forecasts get dates too. An undated series is labelled 1, 2, 3, ...
   */
  public String label(int i) {
    if (dates == null) {
      return String.valueOf(i + 1);
    }
    if (i < dates.size()) {
      return frequency.format(dates.get(i));
    }
    return frequency.format(frequency.advance(dates.get(dates.size() - 1), i - dates.size() + 1));
  }

  /** The date of observation i (continued past the end), or null for an undated series. */
  public LocalDateTime date(int i) {
    if (dates == null) {
      return null;
    }
    return i < dates.size()
        ? dates.get(i)
        : frequency.advance(dates.get(dates.size() - 1), i - dates.size() + 1);
  }
}
