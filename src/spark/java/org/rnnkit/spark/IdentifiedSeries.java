package org.rnnkit.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One series of a catalogue on Spark: its id (its index in the whole catalogue, 0 .. n-1, which
 * fixes the global model's windows and batches whatever partition holds it), its key (the
 * catalogue's series_id), its values from the first observation, and how many of them the model is
 * fitted on (the rest are for forecasting from later origins and scoring).
 *
 * @param id index in the catalogue
 * @param key the series' name
 * @param values Not copied: the caller must not modify them afterwards.
 * @param fitted the length of the fitted part {@code values[0 .. fitted-1]}, 1 to all values
 */
public record IdentifiedSeries(int id, String key, double[] values, int fitted)
    implements Serializable {

  public IdentifiedSeries {
    if (id < 0) {
      throw new IllegalArgumentException("a series id must be 0 or more, got " + id);
    }
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("series " + key + " has no values");
    }
    if (fitted < 1 || fitted > values.length) {
      throw new IllegalArgumentException(
          "series %s's fitted part must be 1 to %d values, got %d"
              .formatted(key, values.length, fitted));
    }
  }

  /** A series fitted on all its values. */
  public IdentifiedSeries(int id, String key, double[] values) {
    this(id, key, values, values == null ? 0 : values.length);
  }

  /** The fitted part, {@code values[0 .. fitted-1]}. */
  public double[] fittedPart() {
    return fitted == values.length ? values : Arrays.copyOf(values, fitted);
  }
}
