package org.rnnkit.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnkit.io.LayerFormats;
import org.rnnkit.io.ModelFile;
import org.rnnkit.io.ModelFileException;
import org.rnnkit.io.NdArray;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.optim.Optimizer;
import org.rnnkit.optim.OptimizerState;
import org.rnnkit.optim.ParameterState;
import org.rnnkit.train.TrainingListener.EpochEvent;

/**
 * A training checkpoint: a {@link ModelFile} holding the model's parameters, the optimizer's state
 * (its moment buffers as extra arrays {@code optimizer.<buffer>.<parameter>}; step counts and the
 * learning rate in the metadata) and the history so far. Since every random choice of the {@link
 * Trainer} is derived from (seed, epoch), a run resumed with {@link #restore} and {@link
 * Trainer#fit(java.util.List, java.util.List, History)} ends bit-identical to the uninterrupted
 * run.
 *
 * <p>The checkpoint also describes the model's layers (see {@link ModelFile}) and the optimizer's
 * type and hyperparameters, so {@link #load} rebuilds all three with no code from the caller:
 *
 * <pre>{@code
 * Checkpoint.save(path, model, optimizer, history, new JsonObject());
 * Checkpoint.Restored r = Checkpoint.load(path);
 * new Trainer(r.model(), loss, r.optimizer(), config).fit(train, validation, r.history());
 * }</pre>
 *
 * Checkpoints written before that (model file format_version 1) restore into a model and optimizer
 * built in code, {@link #restore}.
 *
 * <p>Not saved: a learning-rate schedule's own position and early stopping's best weights; a run
 * that uses either resumes with both started afresh.
 */
public final class Checkpoint {
  private static final String PREFIX = "optimizer.";

  private Checkpoint() {}

  /** Saves atomically: an interrupted save leaves the previous checkpoint as it was. */
  public static void save(
      Path file, SequenceModel model, Optimizer optimizer, History history, JsonObject architecture)
      throws IOException {
    OptimizerState state = optimizer.state();
    Map<String, NdArray> extras = new LinkedHashMap<>();
    JsonObject steps = new JsonObject();
    for (String name : state.parameterNames()) {
      ParameterState p = state.parameter(name);
      steps.addProperty(name, p.step());
      for (String buffer : p.bufferNames()) {
        double[] values = p.buffer(buffer);
        extras.put(PREFIX + buffer + "." + name, NdArray.of(values, values.length));
      }
    }
    JsonObject opt = new JsonObject();
    OptimizerDescription.describe(optimizer, opt);
    opt.addProperty("learning_rate", optimizer.learningRate());
    opt.add("steps", steps);
    JsonObject meta = new JsonObject();
    meta.add("optimizer", opt);
    JsonArray epochs = new JsonArray();
    for (EpochEvent e : history.epochs()) {
      JsonObject o = new JsonObject();
      o.addProperty("epoch", e.epoch());
      o.addProperty("epochs", e.epochs());
      o.add("train_loss", number(e.trainLoss()));
      o.add("validation_loss", number(e.validationLoss()));
      o.add("gradient_norm", number(e.gradientNorm()));
      o.add("max_gradient_norm", number(e.maxGradientNorm()));
      o.add("learning_rate", number(e.learningRate()));
      o.addProperty("updates", e.updates());
      epochs.add(o);
    }
    meta.add("history", epochs);
    ModelFile.save(file, model, architecture, meta, extras);
  }

  /**
   * A model, optimizer and history rebuilt from a checkpoint.
   *
   * @param model the model, with the checkpoint's weights
   * @param optimizer the optimizer, with its hyperparameters, learning rate and state
   * @param history the epochs so far, to pass to {@link Trainer#fit(java.util.List, java.util.List,
   *     History)}
   */
  public record Restored(SequenceModel model, Optimizer optimizer, History history) {}

  /**
   * Rebuilds the model (its layers from the description, checked before anything is allocated; see
   * {@link ModelFile#load(Path)}), the optimizer and the history of a checkpoint.
   *
   * @throws ModelFileException when the file is not a checkpoint, does not describe its model or
   *     optimizer, or does not match its arrays
   */
  public static Restored load(Path file) throws IOException {
    ModelFile.Contents contents = ModelFile.read(file);
    JsonObject meta = contents.metadata();
    if (!meta.has("optimizer") || !meta.get("optimizer").isJsonObject()) {
      throw new ModelFileException(
          file + " is a model file but not a checkpoint (no optimizer state or history)");
    }
    Optimizer optimizer = OptimizerDescription.build(file, meta.getAsJsonObject("optimizer"));
    SequenceModel model = ModelFile.build(file, contents, LayerFormats.builtIn());
    History history = restore(file, contents, model, optimizer);
    return new Restored(model, optimizer, history);
  }

  /**
   * Loads the parameters into {@code model} and the state into {@code optimizer}. The whole file is
   * checked first; if the model or the optimizer then refuses its part, the optimizer's previous
   * state is put back and the model is left as it was.
   *
   * @return the history up to the checkpoint, to pass to {@link Trainer#fit(java.util.List,
   *     java.util.List, History)}
   */
  public static History restore(Path file, SequenceModel model, Optimizer optimizer)
      throws IOException {
    return restore(file, ModelFile.read(file), model, optimizer);
  }

  private static History restore(
      Path file, ModelFile.Contents contents, SequenceModel model, Optimizer optimizer)
      throws IOException {
    JsonObject meta = contents.metadata();
    if (!meta.has("optimizer") || !meta.has("history")) {
      throw new ModelFileException(
          file + " is a model file but not a checkpoint (no optimizer state or history)");
    }
    try {
      return restore(file, contents, meta, model, optimizer);
    } catch (IllegalStateException | ClassCastException | NullPointerException e) {
      throw new ModelFileException(
          file + " has a malformed checkpoint description: " + e.getMessage(), e);
    }
  }

  private static History restore(
      Path file,
      ModelFile.Contents contents,
      JsonObject meta,
      SequenceModel model,
      Optimizer optimizer)
      throws IOException {
    JsonObject opt = meta.getAsJsonObject("optimizer");
    Map<String, ParameterState> parameters = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : opt.getAsJsonObject("steps").entrySet()) {
      String name = e.getKey();
      Map<String, double[]> buffers = new LinkedHashMap<>();
      contents
          .extras()
          .forEach(
              (key, array) -> {
                if (key.startsWith(PREFIX) && key.endsWith("." + name)) {
                  String buffer = key.substring(PREFIX.length(), key.length() - name.length() - 1);
                  if (!buffer.contains(".")) {
                    buffers.put(buffer, array.data().clone());
                  }
                }
              });
      parameters.put(name, new ParameterState(e.getValue().getAsLong(), buffers));
    }
    History history = new History();
    for (JsonElement element : meta.getAsJsonArray("history")) {
      JsonObject o = element.getAsJsonObject();
      history.onEpoch(
          new EpochEvent(
              o.get("epoch").getAsInt(),
              o.get("epochs").getAsInt(),
              value(o.get("train_loss")),
              value(o.get("validation_loss")),
              value(o.get("gradient_norm")),
              value(o.get("max_gradient_norm")),
              value(o.get("learning_rate")),
              o.get("updates").getAsInt()));
    }
    double learningRate = opt.get("learning_rate").getAsDouble();
    OptimizerState previous = optimizer.state();
    double previousRate = optimizer.learningRate();
    try {
      optimizer.loadState(new OptimizerState(parameters));
      optimizer.setLearningRate(learningRate);
      ModelFile.copyParameters(file, contents, model);
    } catch (IOException | RuntimeException e) {
      optimizer.loadState(previous);
      optimizer.setLearningRate(previousRate);
      throw e;
    }
    return history;
  }

  /**
   * A listener that saves a checkpoint every {@code every} epochs.
   *
   * @param resumedFrom Not modified. The history the run continues (empty for a fresh run).
   */
  public static TrainingListener every(
      int every,
      Path file,
      SequenceModel model,
      Optimizer optimizer,
      History resumedFrom,
      JsonObject architecture) {
    if (every < 1) {
      throw new IllegalArgumentException("checkpoint interval must be at least 1, got " + every);
    }
    History history = new History();
    resumedFrom.epochs().forEach(history::onEpoch);
    return new TrainingListener() {
      @Override
      public void onEpoch(EpochEvent event) {
        history.onEpoch(event);
        if (event.epoch() % every == 0) {
          try {
            save(file, model, optimizer, history, architecture);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not save checkpoint " + file, e);
          }
        }
      }
    };
  }

  private static JsonElement number(double v) {
    return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
  }

  private static double value(JsonElement e) {
    return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
  }
}
