package org.rnnkit.data;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One series of a {@link Catalogue}, stored as compactly as its numbers allow: its id, the date
 * (and time of day, midnight for a date) of its first value (null when undated), the frequency its
 * dates follow, and its values. A series that could not be read whole (a value that is not a
 * number, a gap in its dates) keeps the reason in {@code problem} and whatever values came before
 * it: a forecasting command reports it as an error row and goes on with the others.
 *
 * @param id the series' id
 * @param start the date and time of the first value, or null for an undated series
 * @param frequency the spacing of the dates; {@link Frequency#UNDATED} without dates; null when it
 *     cannot be seen (a dated series of one value, or one whose problem came before its second)
 * @param values the observations, oldest first; read only
 * @param problem why the series cannot be used, or null when it can
 */
public record CatalogueSeries(
    String id, LocalDateTime start, Frequency frequency, double[] values, String problem)
    implements Serializable {

  /**
   * One series of a long table from its rows in any order (as a distributed group-by hands them
   * over): the rows are sorted by date, then read as {@link LongTableReader} reads a series. What
   * the long table refuses for the whole catalogue (a repeated date) only marks this series here,
   * as does a date that cannot be read, a missing or non-numeric value, or a gap.
   *
   * @param source where the rows came from, for messages
   * @param dates Not modified. Each row's date as written (1960, 1960-Q3, 1960-07, 1960-07-15,
   *     1960-07-15 13:00); null counts as unreadable.
   * @param values Not modified. Each row's value as written; null counts as missing.
   */
  public static CatalogueSeries fromRows(
      String source, String id, List<String> dates, List<String> values) {
    if (dates.size() != values.size()) {
      throw new IllegalArgumentException(
          "series %s has %d dates for %d values".formatted(id, dates.size(), values.size()));
    }
    SeriesBuilder builder = new SeriesBuilder(id, true);
    List<Integer> order = new ArrayList<>();
    List<LocalDateTime> parsed = new ArrayList<>();
    for (int i = 0; i < dates.size(); i++) {
      String text = dates.get(i) == null ? "" : dates.get(i);
      LocalDateTime d = TimeSeriesCsv.parseDate(text);
      parsed.add(d);
      if (d == null) {
        builder.fail(
            "%s: series '%s': '%s' is not a date like %s"
                .formatted(source, id, text, TimeSeriesCsv.DATE_FORMS));
      } else {
        order.add(i);
      }
    }
    order.sort(Comparator.comparing(parsed::get));
    try {
      for (int i : order) {
        String value = values.get(i) == null ? "" : values.get(i);
        builder.add(parsed.get(i), dates.get(i), value, () -> source);
      }
    } catch (IllegalArgumentException e) {
      builder.fail(e.getMessage());
    }
    return builder.build();
  }

  public int size() {
    return values.length;
  }

  /** Whether the series was read whole. */
  public boolean usable() {
    return problem == null;
  }

  /**
   * The series as a {@link TimeSeries} (its dates written out, when it has them).
   *
   * @throws IllegalStateException for a series with a problem
   */
  public TimeSeries toTimeSeries() {
    if (problem != null) {
      throw new IllegalStateException("series " + id + " cannot be used: " + problem);
    }
    if (start == null) {
      return new TimeSeries(id, null, values, Frequency.UNDATED);
    }
    Frequency f = frequency == null ? Frequency.YEARLY : frequency;
    List<LocalDateTime> dates = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      dates.add(f.advance(start, i));
    }
    return new TimeSeries(id, dates, values, f);
  }
}
