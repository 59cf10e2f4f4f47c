package org.rnnkit.io;

import com.google.gson.JsonObject;
import org.rnnkit.nn.layer.MeanOverSteps;

/** {@code {"type": "mean_over_steps"}}: no settings. */
final class MeanOverStepsFormat implements LayerFormat<MeanOverSteps> {

  @Override
  public String type() {
    return "mean_over_steps";
  }

  @Override
  public Class<MeanOverSteps> layerClass() {
    return MeanOverSteps.class;
  }

  @Override
  public void describe(MeanOverSteps layer, JsonObject into) {}

  @Override
  public long parameterCount(LayerDescription d) {
    return 0;
  }

  @Override
  public MeanOverSteps build(LayerDescription d) {
    return new MeanOverSteps();
  }
}
