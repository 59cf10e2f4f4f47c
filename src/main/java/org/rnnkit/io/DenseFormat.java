package org.rnnkit.io;

import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Random;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.layer.Dense;

/**
 * {@code {"type": "dense", "name": "head", "input_size": 16, "output_size": 1, "activation":
 * "identity"}}.
 */
final class DenseFormat implements LayerFormat<Dense> {

  @Override
  public String type() {
    return "dense";
  }

  @Override
  public Class<Dense> layerClass() {
    return Dense.class;
  }

  @Override
  public void describe(Dense dense, JsonObject into) {
    into.addProperty("name", dense.name());
    into.addProperty("input_size", dense.inputSize());
    into.addProperty("output_size", dense.outputSize());
    into.addProperty("activation", dense.activation().name().toLowerCase(Locale.ROOT));
  }

  /** {@code O x I} weights and {@code O} biases. */
  @Override
  public long parameterCount(LayerDescription d) throws ModelFileException {
    return (long) d.size("output_size") * (d.size("input_size") + 1);
  }

  @Override
  public Dense build(LayerDescription d) throws ModelFileException {
    return new Dense(
        d.text("name"),
        d.size("input_size"),
        d.size("output_size"),
        d.choice("activation", DenseFormat::activation),
        new Random(0));
  }

  private static Activation activation(String name) {
    try {
      return Activation.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown activation '%s'; choose one of %s"
              .formatted(
                  name, java.util.Arrays.toString(Activation.values()).toLowerCase(Locale.ROOT)),
          e);
    }
  }
}
