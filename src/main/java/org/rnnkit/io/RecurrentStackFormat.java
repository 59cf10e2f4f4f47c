package org.rnnkit.io;

import com.google.gson.JsonObject;
import java.util.Random;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.RecurrentStack;

/**
 * {@code {"type": "recurrent_stack", "cell": "lstm", "input_size": 1, "hidden_size": 16, "layers":
 * 1, "bidirectional": false, "bias": true, "dropout": 0.0}}: PyTorch's constructor arguments;
 * {@code "proj_size"} (PyTorch's name) and {@code "recurrent_dropout"} only when not 0, and read as
 * 0 when absent, so files written before them load unchanged.
 */
final class RecurrentStackFormat implements LayerFormat<RecurrentStack> {
  /** The most layers a described stack may have. */
  private static final int MAX_LAYERS = 1024;

  @Override
  public String type() {
    return "recurrent_stack";
  }

  @Override
  public Class<RecurrentStack> layerClass() {
    return RecurrentStack.class;
  }

  @Override
  public void describe(RecurrentStack stack, JsonObject into) {
    RecurrentStack.Config c = stack.config();
    into.addProperty("cell", c.cell().id());
    into.addProperty("input_size", c.inputSize());
    into.addProperty("hidden_size", c.hiddenSize());
    into.addProperty("layers", c.layers());
    into.addProperty("bidirectional", c.bidirectional());
    into.addProperty("bias", c.bias());
    into.addProperty("dropout", c.dropout());
    if (c.projectionSize() > 0) {
      into.addProperty("proj_size", c.projectionSize());
    }
    if (c.recurrentDropout() > 0) {
      into.addProperty("recurrent_dropout", c.recurrentDropout());
    }
  }

  /**
   * Per layer l and direction: {@code G*H x I_l} + {@code G*H x S} weights, with bias two {@code
   * G*H} biases, and with a projection {@code P x H} more, where S is P or H, {@code I_0 = I} and
   * {@code I_l = D*S} above.
   */
  @Override
  public long parameterCount(LayerDescription d) throws ModelFileException {
    RecurrentStack.Config c = config(d);
    long gateRows = (long) c.cell().create().gateCount() * c.hiddenSize();
    long total = 0;
    for (int l = 0; l < c.layers(); l++) {
      long in = l == 0 ? c.inputSize() : c.outputSize();
      long perDirection =
          gateRows * (in + c.stateSize() + (c.bias() ? 2 : 0))
              + (long) c.projectionSize() * c.hiddenSize();
      total += c.directions() * perDirection;
    }
    return total;
  }

  @Override
  public RecurrentStack build(LayerDescription d) throws ModelFileException {
    return new RecurrentStack(config(d), new Random(0));
  }

  private static RecurrentStack.Config config(LayerDescription d) throws ModelFileException {
    CellType cell = d.choice("cell", CellType::parse);
    int hidden = d.size("hidden_size");
    int projection = d.has("proj_size") ? d.count("proj_size", 0, hidden - 1) : 0;
    try {
      return new RecurrentStack.Config(
          cell,
          d.size("input_size"),
          hidden,
          d.count("layers", 1, MAX_LAYERS),
          d.flag("bidirectional"),
          d.flag("bias"),
          d.probability("dropout"),
          projection,
          d.has("recurrent_dropout") ? d.probability("recurrent_dropout") : 0);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(
          "%s layer %d (recurrent_stack): %s"
              .formatted(ModelFile.MODEL_JSON, d.index(), e.getMessage()),
          e);
    }
  }
}
