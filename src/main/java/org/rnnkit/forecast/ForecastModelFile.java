package org.rnnkit.forecast;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rnnkit.data.Frequency;
import org.rnnkit.io.ModelFile;
import org.rnnkit.io.ModelFileException;
import org.rnnkit.io.NdArray;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;

/**
 * A {@link TrainedForecaster} as one {@link ModelFile}: the first network's parameters under their
 * own names, every other network's as extra arrays named {@code member<i>.<name>}, and in {@code
 * model.json} the architecture, the fitted series transform and what places a later history: the
 * training length, frequency and last date ({@code origin}), and the interval's calibration ({@code
 * interval}).
 */
public final class ForecastModelFile {
  private ForecastModelFile() {}

  /** Saves atomically; see {@link ModelFile#save}. */
  public static void save(Path file, TrainedForecaster trained, ForecastConfig config)
      throws IOException {
    ForecastEnsemble ensemble = trained.ensemble();
    // K, the network's outputs, is the width of its head
    int outputs = ensemble.members().get(0).parameter("head.bias").size();
    JsonObject arch = new JsonObject();
    arch.addProperty("kind", "recurrent_forecaster");
    arch.addProperty("cell", config.cell().id());
    arch.addProperty("hidden", config.hidden());
    arch.addProperty("layers", config.layers());
    arch.addProperty("window", ensemble.window());
    arch.addProperty("outputs", outputs);
    arch.addProperty("members", ensemble.members().size());
    arch.addProperty("level_alpha", ensemble.level().alpha());
    SeriesTransform t = ensemble.transform();
    JsonObject transform = new JsonObject();
    if (t.hasPowerTransform()) {
      transform.addProperty("lambda", t.lambda());
    }
    transform.addProperty("season", t.season());
    JsonArray indices = new JsonArray();
    for (double v : t.indices()) {
      indices.add(v);
    }
    transform.add("indices", indices);
    transform.addProperty("sigma", t.sigma());
    arch.add("transform", transform);
    JsonObject origin = new JsonObject();
    origin.addProperty("trained_length", trained.trainedLength());
    origin.addProperty("frequency", trained.frequency().name());
    if (trained.lastDate() != null) {
      origin.addProperty("last_date", trained.lastDate().toString());
    }
    origin.addProperty("horizon", trained.horizon());
    arch.add("origin", origin);
    JsonObject interval = new JsonObject();
    interval.addProperty("quantile", trained.intervalQuantile());
    interval.addProperty("level", trained.intervalLevel());
    arch.add("interval", interval);

    Map<String, NdArray> extras = new LinkedHashMap<>();
    for (int i = 1; i < ensemble.members().size(); i++) {
      for (Parameter p : ensemble.members().get(i).parameters()) {
        extras.put(
            "member" + i + "." + p.name(),
            NdArray.of(p.value().data.clone(), p.value().numRows, p.value().numCols));
      }
    }
    ModelFile.save(file, ensemble.members().get(0), arch, new JsonObject(), extras);
  }

  /** Loads and validates a forecaster saved by {@link #save}. */
  public static TrainedForecaster load(Path file) throws IOException {
    ModelFile.Contents contents = ModelFile.read(file);
    JsonObject arch = contents.architecture();
    if (!arch.has("kind") || !"recurrent_forecaster".equals(arch.get("kind").getAsString())) {
      throw new ModelFileException(
          file + " is not a forecaster model (architecture kind is not recurrent_forecaster)");
    }
    try {
      CellType cell = CellType.parse(arch.get("cell").getAsString());
      int hidden = arch.get("hidden").getAsInt();
      int layers = arch.get("layers").getAsInt();
      int outputs = arch.get("outputs").getAsInt();
      int count = arch.get("members").getAsInt();
      ForecastConfig config =
          ForecastConfig.builder().cell(cell).hidden(hidden).layers(layers).build();
      List<SequenceModel> members = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        SequenceModel model = RecurrentForecaster.network(config, outputs, new Random(i));
        if (i == 0) {
          ModelFile.load(file, model);
        } else {
          copyExtras(file, contents.extras(), "member" + i + ".", model);
        }
        members.add(model);
      }
      JsonObject t = arch.getAsJsonObject("transform");
      JsonArray idx = t.getAsJsonArray("indices");
      double[] indices = new double[idx.size()];
      for (int i = 0; i < indices.length; i++) {
        indices[i] = idx.get(i).getAsDouble();
      }
      int season = t.get("season").getAsInt();
      double sigma = t.get("sigma").getAsDouble();
      if (indices.length != season || !(sigma > 0)) {
        throw new ModelFileException(
            "%s: the transform has %d seasonal indices for season %d and scale %s; the file is damaged"
                .formatted(file, indices.length, season, sigma));
      }
      SeriesTransform transform =
          new SeriesTransform(
              t.has("lambda") ? t.get("lambda").getAsDouble() : Double.NaN, season, indices, sigma);
      if (!arch.has("origin") || !arch.has("interval")) {
        throw new ModelFileException(
            file
                + " has no origin or interval calibration: it was saved by an older rnnkit; train"
                + " it again to forecast from new data");
      }
      int window = arch.get("window").getAsInt();
      if (window < 1 || outputs < 1 || count < 1) {
        throw new ModelFileException(
            "%s: window %d, outputs %d and members %d must be at least 1; the file is damaged"
                .formatted(file, window, outputs, count));
      }
      var ensemble =
          new ForecastEnsemble(
              members, transform, new SmoothedLevel(arch.get("level_alpha").getAsDouble()), window);
      JsonObject origin = arch.getAsJsonObject("origin");
      JsonObject interval = arch.getAsJsonObject("interval");
      Frequency frequency = Frequency.valueOf(origin.get("frequency").getAsString());
      return new TrainedForecaster(
          ensemble,
          origin.get("trained_length").getAsInt(),
          frequency,
          origin.has("last_date") ? LocalDate.parse(origin.get("last_date").getAsString()) : null,
          origin.get("horizon").getAsInt(),
          interval.get("quantile").getAsDouble(),
          interval.get("level").getAsDouble());
    } catch (RuntimeException e) {
      throw new ModelFileException(
          file + " has a malformed forecaster description: " + e.getMessage(), e);
    }
  }

  private static void copyExtras(
      Path file, Map<String, NdArray> extras, String prefix, SequenceModel model)
      throws ModelFileException {
    for (Parameter p : model.parameters()) {
      NdArray a = extras.get(prefix + p.name());
      if (a == null || a.size() != p.size()) {
        throw new ModelFileException(
            "%s: %s%s is %s; expected %d values (%s)"
                .formatted(
                    file,
                    prefix,
                    p.name(),
                    a == null ? "missing" : a.shapeString(),
                    p.size(),
                    p.shape()));
      }
    }
    for (Parameter p : model.parameters()) {
      p.set(extras.get(prefix + p.name()).data());
    }
  }
}
