package org.rnnkit.io;

import com.google.gson.JsonObject;
import org.rnnkit.nn.layer.LastStep;

/** {@code {"type": "last_step"}}: no settings. */
final class LastStepFormat implements LayerFormat<LastStep> {

  @Override
  public String type() {
    return "last_step";
  }

  @Override
  public Class<LastStep> layerClass() {
    return LastStep.class;
  }

  @Override
  public void describe(LastStep layer, JsonObject into) {}

  @Override
  public long parameterCount(LayerDescription d) {
    return 0;
  }

  @Override
  public LastStep build(LayerDescription d) {
    return new LastStep();
  }
}
