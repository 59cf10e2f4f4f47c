package org.rnnkit.io;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnkit.nn.Layer;

/**
 * The layer types a model file can describe, by their {@code type} in model.json. Immutable: {@link
 * #with} gives a new registry.
 *
 * <p>Built in: {@code recurrent_stack} ({@link org.rnnkit.nn.layer.RecurrentStack}), {@code dense}
 * ({@link org.rnnkit.nn.layer.Dense}), {@code dropout} ({@link org.rnnkit.nn.layer.Dropout}),
 * {@code last_step} ({@link org.rnnkit.nn.layer.LastStep}), {@code mean_over_steps} ({@link
 * org.rnnkit.nn.layer.MeanOverSteps}), {@code embedding} ({@link org.rnnkit.nn.layer.Embedding}),
 * {@code batch_norm} ({@link org.rnnkit.nn.layer.BatchNorm}, its running statistics included),
 * {@code layer_norm} ({@link org.rnnkit.nn.layer.LayerNorm}).
 *
 * <p>To add a layer type: write a {@link LayerFormat} for it (its Javadoc has an example, and the
 * built-in formats such as {@code DenseFormat} in this package are 40 lines each). For a layer of
 * rnnkit itself, add the format to {@link #builtIn()}'s list, and a case to {@code
 * SelfDescribingModelFileTest}. For a layer of your own, pass {@code
 * LayerFormats.builtIn().with(new MyFormat())} to {@link ModelFile#save(java.nio.file.Path,
 * org.rnnkit.nn.SequenceModel, LayerFormats)} and {@link ModelFile#load(java.nio.file.Path,
 * LayerFormats)}.
 */
public final class LayerFormats {
  private final Map<String, LayerFormat<?>> byType;

  private LayerFormats(List<LayerFormat<?>> formats) {
    Map<String, LayerFormat<?>> map = new LinkedHashMap<>();
    for (LayerFormat<?> f : formats) {
      for (LayerFormat<?> other : map.values()) {
        if (other.type().equals(f.type()) || other.layerClass().equals(f.layerClass())) {
          throw new IllegalArgumentException(
              "layer format %s clashes with %s: each type name and each layer class once"
                  .formatted(f.type(), other.type()));
        }
      }
      map.put(f.type(), f);
    }
    byType = map;
  }

  /** The formats of rnnkit's own layers. */
  public static LayerFormats builtIn() {
    return new LayerFormats(
        List.of(
            new RecurrentStackFormat(),
            new DenseFormat(),
            new DropoutFormat(),
            new LastStepFormat(),
            new MeanOverStepsFormat(),
            new EmbeddingFormat(),
            new BatchNormFormat(),
            new LayerNormFormat()));
  }

  /** These formats and {@code format}, whose type and layer class must be new. */
  public LayerFormats with(LayerFormat<?> format) {
    List<LayerFormat<?>> all = new ArrayList<>(byType.values());
    all.add(format);
    return new LayerFormats(all);
  }

  /** The type names known, in registration order. */
  public List<String> types() {
    return List.copyOf(byType.keySet());
  }

  /** The format of {@code layer}'s exact class, or null if none is registered. */
  LayerFormat<?> forLayer(Layer layer) {
    for (LayerFormat<?> f : byType.values()) {
      if (f.layerClass().equals(layer.getClass())) {
        return f;
      }
    }
    return null;
  }

  /** The format called {@code type}, or null. */
  LayerFormat<?> forType(String type) {
    return byType.get(type);
  }

  /** {@code {"type": ..., settings...}} of one layer; its format must exist. */
  static <L extends Layer> JsonObject describe(LayerFormat<L> format, Layer layer) {
    JsonObject json = new JsonObject();
    json.addProperty("type", format.type());
    format.describe(format.layerClass().cast(layer), json);
    return json;
  }
}
