package org.rnnkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The classic series embedded in the jar (from R's datasets package; provenance in the project's
 * datasets/README.md): AirPassengers, co2 and sunspot.month.
 */
public final class Datasets {
  /** The names {@link #load} accepts. */
  public static final List<String> NAMES = List.of("AirPassengers", "co2", "sunspot.month");

  private Datasets() {}

  /** Reads an embedded series by name. */
  public static TimeSeries load(String name) throws IOException {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "no embedded dataset '%s'; choose one of %s".formatted(name, NAMES));
    }
    InputStream in = Datasets.class.getResourceAsStream("/org/rnnkit/datasets/" + name + ".csv");
    if (in == null) {
      throw new IllegalStateException("the embedded dataset " + name + " is missing from the jar");
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return TimeSeriesCsv.read(name, r, TimeSeriesCsv.Options.defaults());
    }
  }
}
