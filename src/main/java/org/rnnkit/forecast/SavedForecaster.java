package org.rnnkit.forecast;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnkit.data.Frequency;
import org.rnnkit.io.JsonFields;
import org.rnnkit.io.LayerDescription;
import org.rnnkit.io.ModelFile;
import org.rnnkit.io.ModelFileException;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.cell.CellOptions;
import org.rnnkit.nn.cell.CellType;

/**
 * The architecture entry of a {@link ForecastModelFile}'s model.json, every field read and bounded
 * before anything is built from it, and the arrays it implies. With G gates per cell (1 RNN, 3 GRU,
 * 4 LSTM), H hidden, K outputs and L layers, each network holds
 *
 * <pre>
 *   weight_ih_l0 (G*H, 2), weight_ih_l{k} (G*H, H) for k &gt; 0, weight_hh_l{k} (G*H, H),
 *   bias_ih_l{k} (G*H,), bias_hh_l{k} (G*H,), head.weight (K, H), head.bias (K,)
 * </pre>
 *
 * the first network as model parameters, network i &gt; 0 as extras {@code member<i>.<name>} with
 * each bias stored as a {@code (1, n)} row.
 */
record SavedForecaster(
    CellType cell,
    CellOptions cellOptions,
    int hidden,
    int layers,
    int window,
    int outputs,
    int members,
    SmoothedLevel level,
    SeriesTransform transform,
    int trainedLength,
    Frequency frequency,
    LocalDateTime lastDate,
    int horizon,
    double intervalQuantile,
    double intervalLevel) {

  /** The most networks, stacked layers, or seasonal indices a file may describe. */
  static final int MAX_MEMBERS = 1024;

  static final int MAX_LAYERS = 1024;

  static final int MAX_SEASON = 1 << 16;

  private static final String FIX = "the file is damaged; train the model again";

  /** Reads and bounds every field of {@code arch}, naming the first that is missing or wrong. */
  static SavedForecaster read(Path file, JsonObject arch) throws ModelFileException {
    String where = "%s: %s architecture".formatted(file, ModelFile.MODEL_JSON);
    JsonFields a = new JsonFields(where, arch, FIX);
    if (!a.has("kind") || !"recurrent_forecaster".equals(a.text("kind"))) {
      throw new ModelFileException(
          file + " is not a forecaster model (architecture kind is not recurrent_forecaster)");
    }
    if (!a.has("origin") || !a.has("interval")) {
      throw new ModelFileException(
          file
              + " has no origin or interval calibration: it was saved by an older rnnkit; train"
              + " it again to forecast from new data");
    }
    int max = LayerDescription.MAX_SIZE;
    JsonFields t = a.object("transform");
    int season = t.count("season", 1, MAX_SEASON);
    double[] indices = t.numbers("indices", 1, MAX_SEASON);
    if (indices.length != season) {
      throw new ModelFileException(
          "%s \"transform\": %d seasonal indices for season %d; %s"
              .formatted(where, indices.length, season, FIX));
    }
    // Box-Cox lambda: Guerrero's search stays in [-1, 2]; log is 0
    double lambda = t.has("lambda") ? t.number("lambda", -1, 2) : Double.NaN;
    double sigma = t.number("sigma", Double.MIN_VALUE, Double.MAX_VALUE);
    JsonFields origin = a.object("origin");
    JsonFields interval = a.object("interval");
    Frequency frequency = origin.choice("frequency", SavedForecaster::frequency);
    int trainedLength = origin.count("trained_length", 1, Integer.MAX_VALUE);
    int window = a.count("window", 1, max);
    if (window >= trainedLength) {
      throw new ModelFileException(
          "%s: \"window\" %d is not shorter than the %d values trained on; %s"
              .formatted(where, window, trainedLength, FIX));
    }
    CellType cell = a.choice("cell", CellType::parse);
    // the cell's variants, written only when on: absent means none
    CellOptions options =
        new CellOptions(
            a.has("layer_norm") && a.flag("layer_norm"),
            a.has("peepholes") && a.flag("peepholes"),
            a.has("reset_before") && a.flag("reset_before"));
    try {
      options.requireFor(cell);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException("%s: %s; %s".formatted(where, e.getMessage(), FIX), e);
    }
    return new SavedForecaster(
        cell,
        options,
        a.count("hidden", 1, max),
        a.count("layers", 1, MAX_LAYERS),
        window,
        a.count("outputs", 1, max),
        a.count("members", 1, MAX_MEMBERS),
        new SmoothedLevel(a.number("level_alpha", Double.MIN_VALUE, 1)),
        new SeriesTransform(lambda, season, indices, sigma),
        trainedLength,
        frequency,
        origin.has("last_date") ? origin.choice("last_date", SavedForecaster::lastDate) : null,
        origin.count("horizon", 1, max),
        interval.number("quantile", 0, Double.MAX_VALUE),
        interval.number("level", Math.ulp(0.0), 1 - Math.ulp(1.0)));
  }

  /**
   * The {@code last_date} entry: {@code 1955-12-01} for a midnight (as every file before hourly
   * series was written), {@code 2020-01-15T13:00} for another time of day.
   */
  static String lastDateText(LocalDateTime time) {
    return time.toLocalTime().equals(LocalTime.MIDNIGHT)
        ? time.toLocalDate().toString()
        : time.toString();
  }

  /** Reads a {@code last_date} entry that {@link #lastDateText} wrote. */
  private static LocalDateTime lastDate(String text) {
    return text.contains("T") ? LocalDateTime.parse(text) : LocalDate.parse(text).atStartOfDay();
  }

  private static Frequency frequency(String name) {
    try {
      return Frequency.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'%s' is not one of %s".formatted(name, java.util.Arrays.toString(Frequency.values())));
    }
  }

  /** {@code member<i>.}: the prefix of network i's arrays, i &gt; 0. */
  static String memberPrefix(int i) {
    return "member" + i + ".";
  }

  /**
   * Fails unless the file lists exactly the arrays this description implies, each with its full
   * shape (no value has been read yet).
   */
  void checkShapes(Path file, ModelFile.Listing listing) throws ModelFileException {
    Map<String, int[]> first = shapes("", false);
    long arrays = (long) first.size() * members;
    if (listing.parameters().size() + listing.extras().size() != arrays) {
      throw new ModelFileException(
          ("%s: the architecture in %s (%d %s networks of %d layers) implies %d arrays, the file"
                  + " lists %d; the description does not match the weights (was it edited?),"
                  + " train the model again")
              .formatted(
                  file,
                  ModelFile.MODEL_JSON,
                  members,
                  cell.id(),
                  layers,
                  arrays,
                  listing.parameters().size() + listing.extras().size()));
    }
    compare(file, first, listing.parameters());
    Map<String, int[]> rest = new LinkedHashMap<>();
    for (int i = 1; i < members; i++) {
      rest.putAll(shapes(memberPrefix(i), true));
    }
    compare(file, rest, listing.extras());
  }

  private static void compare(Path file, Map<String, int[]> expected, Map<String, int[]> stored)
      throws ModelFileException {
    for (Map.Entry<String, int[]> e : expected.entrySet()) {
      int[] shape = stored.get(e.getKey());
      if (shape == null) {
        throw new ModelFileException(
            "%s: array %s %s is missing; the file is damaged, train the model again"
                .formatted(file, e.getKey(), text(e.getValue())));
      }
      if (!java.util.Arrays.equals(shape, e.getValue())) {
        throw new ModelFileException(
            ("%s: array %s has shape %s, but the architecture in %s implies %s; the description"
                    + " does not match the weights, train the model again")
                .formatted(
                    file, e.getKey(), text(shape), ModelFile.MODEL_JSON, text(e.getValue())));
      }
    }
  }

  /** One network's arrays by name; biases as {@code (1, n)} rows when {@code rows}. */
  private Map<String, int[]> shapes(String prefix, boolean rows) {
    int gateRows = cell.create().gateCount() * hidden;
    Map<String, int[]> shapes = new LinkedHashMap<>();
    for (int k = 0; k < layers; k++) {
      shapes.put(
          prefix + "weight_ih_l" + k,
          new int[] {gateRows, k == 0 ? ForecastEnsemble.INPUTS : hidden});
      shapes.put(prefix + "weight_hh_l" + k, new int[] {gateRows, hidden});
      shapes.put(prefix + "bias_ih_l" + k, bias(gateRows, rows));
      shapes.put(prefix + "bias_hh_l" + k, bias(gateRows, rows));
    }
    for (int k = 0; k < layers; k++) {
      // the cell's own parameters (a variant's gains, peepholes), each a row
      for (Parameter p : cell.create(cellOptions, hidden, "_l" + k).parameters()) {
        shapes.put(prefix + p.name(), bias(p.size(), rows));
      }
    }
    shapes.put(prefix + "head.weight", new int[] {outputs, hidden});
    shapes.put(prefix + "head.bias", bias(outputs, rows));
    return shapes;
  }

  private static int[] bias(int n, boolean row) {
    return row ? new int[] {1, n} : new int[] {n};
  }

  private static String text(int[] shape) {
    return shape.length == 1
        ? "(" + shape[0] + ",)"
        : java.util.Arrays.toString(shape).replace('[', '(').replace(']', ')');
  }
}
