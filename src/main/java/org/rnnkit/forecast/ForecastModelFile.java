package org.rnnkit.forecast;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rnnkit.io.ModelFile;
import org.rnnkit.io.ModelFileException;
import org.rnnkit.io.NdArray;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.SequenceModel;

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
    for (String variant : config.cellOptions().names()) {
      arch.addProperty(variant, true);
    }
    arch.addProperty("hidden", config.hidden());
    arch.addProperty("layers", config.layers());
    // training only: provenance, not needed to forecast
    arch.addProperty("recurrent_dropout", config.recurrentDropout());
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
      origin.addProperty("last_date", SavedForecaster.lastDateText(trained.lastDate()));
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

  /**
   * Loads and validates a forecaster saved by {@link #save}, reading the file once: model.json
   * first, every field of the description read and bounded ({@link SavedForecaster}), then every
   * stored array's full shape compared with the shape the description implies, as PyTorch's {@code
   * load_state_dict} does, before any array's values are read or any network is built; weights must
   * be finite.
   *
   * @throws ModelFileException naming the field or array that is missing, mistyped or out of bounds
   */
  public static TrainedForecaster load(Path file) throws IOException {
    ModelFile.Contents contents =
        ModelFile.read(
            file,
            listing ->
                SavedForecaster.read(file, listing.architecture()).checkShapes(file, listing));
    SavedForecaster saved = SavedForecaster.read(file, contents.architecture());
    ForecastConfig config =
        ForecastConfig.builder()
            .cell(saved.cell())
            .cellOptions(saved.cellOptions())
            .hidden(saved.hidden())
            .layers(saved.layers())
            .build();
    List<SequenceModel> members = new ArrayList<>();
    for (int i = 0; i < saved.members(); i++) {
      SequenceModel model = RecurrentForecaster.network(config, saved.outputs(), new Random(i));
      if (i == 0) {
        ModelFile.copyParameters(file, contents, model);
      } else {
        copyExtras(file, contents.extras(), SavedForecaster.memberPrefix(i), model);
      }
      members.add(model);
    }
    try {
      var ensemble =
          new ForecastEnsemble(members, saved.transform(), saved.level(), saved.window());
      return new TrainedForecaster(
          ensemble,
          saved.trainedLength(),
          saved.frequency(),
          saved.lastDate(),
          saved.horizon(),
          saved.intervalQuantile(),
          saved.intervalLevel());
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(
          file + " has an inconsistent forecaster description: " + e.getMessage(), e);
    }
  }

  /**
   * Copies member arrays, whose shapes {@link SavedForecaster#checkShapes} checked; finite only.
   */
  private static void copyExtras(
      Path file, Map<String, NdArray> extras, String prefix, SequenceModel model)
      throws ModelFileException {
    for (Parameter p : model.parameters()) {
      double[] values = extras.get(prefix + p.name()).data();
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          throw new ModelFileException(
              "%s: %s%s holds %s at flat index %d; a model file holds finite weights only"
                  .formatted(file, prefix, p.name(), values[i], i));
        }
      }
    }
    for (Parameter p : model.parameters()) {
      p.set(extras.get(prefix + p.name()).data());
    }
  }
}
