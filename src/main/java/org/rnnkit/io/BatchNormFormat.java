package org.rnnkit.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.rnnkit.nn.layer.BatchNorm;

/**
 * {@code {"type": "batch_norm", "name": "norm", "features": 4, "epsilon": 1e-5, "momentum": 0.1,
 * "affine": true, "running_mean": [...], "running_var": [...], "num_batches_tracked": 120}}: the
 * running statistics are not trainable parameters, so they are kept here, each number written
 * exactly (shortest round-trip decimal).
 */
final class BatchNormFormat implements LayerFormat<BatchNorm> {

  @Override
  public String type() {
    return "batch_norm";
  }

  @Override
  public Class<BatchNorm> layerClass() {
    return BatchNorm.class;
  }

  @Override
  public void describe(BatchNorm layer, JsonObject into) {
    into.addProperty("name", layer.name());
    into.addProperty("features", layer.features());
    into.addProperty("epsilon", layer.epsilon());
    into.addProperty("momentum", layer.momentum());
    into.addProperty("affine", layer.affine());
    into.add("running_mean", array(layer.runningMean()));
    into.add("running_var", array(layer.runningVariance()));
    into.addProperty("num_batches_tracked", layer.batchesTracked());
  }

  /** {@code F} weights and {@code F} biases when affine. */
  @Override
  public long parameterCount(LayerDescription d) throws ModelFileException {
    int features = d.size("features");
    d.positive("epsilon");
    d.number("momentum", 0, 1);
    d.numbers("running_mean", features);
    d.numbers("running_var", features);
    d.longCount("num_batches_tracked", 0);
    return d.flag("affine") ? 2L * features : 0;
  }

  @Override
  public BatchNorm build(LayerDescription d) throws ModelFileException {
    int features = d.size("features");
    BatchNorm layer =
        new BatchNorm(
            d.text("name"),
            features,
            d.positive("epsilon"),
            d.number("momentum", 0, 1),
            d.flag("affine"));
    double[] variance = d.numbers("running_var", features);
    for (double v : variance) {
      if (v < 0) {
        throw new ModelFileException(
            "%s layer %d (batch_norm): \"running_var\" holds %s; a variance is never negative"
                .formatted(ModelFile.MODEL_JSON, d.index(), v));
      }
    }
    layer.setRunningStatistics(
        d.numbers("running_mean", features), variance, d.longCount("num_batches_tracked", 0));
    return layer;
  }

  private static JsonArray array(double[] values) {
    JsonArray a = new JsonArray();
    for (double v : values) {
      a.add(v);
    }
    return a;
  }
}
