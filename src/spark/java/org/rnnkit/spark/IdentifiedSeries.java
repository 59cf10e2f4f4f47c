package org.rnnkit.spark;

import java.io.Serializable;

/**
 * One series of a catalogue on Spark: its id (its index in the whole catalogue, 0 .. n-1, which
 * fixes the global model's windows and batches whatever partition holds it), its key (the
 * catalogue's series_id) and its values from the first observation.
 *
 * @param id index in the catalogue
 * @param key the series' name
 * @param values Not copied: the caller must not modify them afterwards.
 */
public record IdentifiedSeries(int id, String key, double[] values) implements Serializable {

  public IdentifiedSeries {
    if (id < 0) {
      throw new IllegalArgumentException("a series id must be 0 or more, got " + id);
    }
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException("series " + key + " has no values");
    }
  }
}
