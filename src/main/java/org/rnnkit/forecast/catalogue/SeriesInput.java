package org.rnnkit.forecast.catalogue;

import org.rnnkit.data.TimeSeries;

/**
 * One entry of a catalogue as read: a series, or the problem that kept it from being read (a
 * non-numeric value, say), which becomes an error row while the others run.
 *
 * @param id the series' identifier
 * @param series the values (and dates), or null when {@code problem} is set
 * @param problem why the series could not be read, or null
 */
public record SeriesInput(String id, TimeSeries series, String problem) {

  public SeriesInput {
    if ((series == null) == (problem == null)) {
      throw new IllegalArgumentException(
          "series " + id + " needs either values or a problem, not both or neither");
    }
  }

  public static SeriesInput of(String id, TimeSeries series) {
    return new SeriesInput(id, series, null);
  }

  public static SeriesInput failed(String id, String problem) {
    return new SeriesInput(id, null, problem);
  }
}
