package org.rnnkit.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One series of a {@link Catalogue}, stored as compactly as its numbers allow: its id, the date of
 * its first value (null when undated), the frequency its dates follow, and its values. A series
 * that could not be read whole (a value that is not a number, a gap in its dates) keeps the reason
 * in {@code problem} and whatever values came before it: a forecasting command reports it as an
 * error row and goes on with the others.
 *
 * @param id the series' id
 * @param start the date of the first value, or null for an undated series
 * @param frequency the spacing of the dates; {@link Frequency#UNDATED} without dates; null when it
 *     cannot be seen (a dated series of one value, or one whose problem came before its second)
 * @param values the observations, oldest first; read only
 * @param problem why the series cannot be used, or null when it can
 */
public record CatalogueSeries(
    String id, LocalDate start, Frequency frequency, double[] values, String problem) {

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
    List<LocalDate> dates = new ArrayList<>(values.length);
    for (int i = 0; i < values.length; i++) {
      dates.add(f.advance(start, i));
    }
    return new TimeSeries(id, dates, values, f);
  }
}
