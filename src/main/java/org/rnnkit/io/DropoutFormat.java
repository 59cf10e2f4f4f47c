package org.rnnkit.io;

import com.google.gson.JsonObject;
import org.rnnkit.nn.layer.Dropout;

/**
 * {@code {"type": "dropout", "probability": 0.2}}. The mask stream's seed is not kept: a trainer
 * reseeds it every epoch, and inference does not use it.
 */
final class DropoutFormat implements LayerFormat<Dropout> {

  @Override
  public String type() {
    return "dropout";
  }

  @Override
  public Class<Dropout> layerClass() {
    return Dropout.class;
  }

  @Override
  public void describe(Dropout dropout, JsonObject into) {
    into.addProperty("probability", dropout.probability());
  }

  @Override
  public long parameterCount(LayerDescription d) throws ModelFileException {
    d.probability("probability");
    return 0;
  }

  @Override
  public Dropout build(LayerDescription d) throws ModelFileException {
    return new Dropout(d.probability("probability"), 0);
  }
}
