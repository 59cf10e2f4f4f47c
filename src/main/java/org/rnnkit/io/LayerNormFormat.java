package org.rnnkit.io;

import com.google.gson.JsonObject;
import org.rnnkit.nn.layer.LayerNorm;

/**
 * {@code {"type": "layer_norm", "name": "norm", "features": 8, "epsilon": 1e-5, "affine": true}}.
 */
final class LayerNormFormat implements LayerFormat<LayerNorm> {

  @Override
  public String type() {
    return "layer_norm";
  }

  @Override
  public Class<LayerNorm> layerClass() {
    return LayerNorm.class;
  }

  @Override
  public void describe(LayerNorm layer, JsonObject into) {
    into.addProperty("name", layer.name());
    into.addProperty("features", layer.features());
    into.addProperty("epsilon", layer.epsilon());
    into.addProperty("affine", layer.affine());
  }

  /** {@code F} weights and {@code F} biases when affine. */
  @Override
  public long parameterCount(LayerDescription d) throws ModelFileException {
    int features = d.size("features");
    d.positive("epsilon");
    return d.flag("affine") ? 2L * features : 0;
  }

  @Override
  public LayerNorm build(LayerDescription d) throws ModelFileException {
    return new LayerNorm(
        d.text("name"), d.size("features"), d.positive("epsilon"), d.flag("affine"));
  }
}
