package org.rnnkit.io;

import com.google.gson.JsonObject;
import java.util.Random;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.cell.CellOptions;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.RecurrentStack;

/**
 * {@code {"type": "recurrent_stack", "cell": "lstm", "input_size": 1, "hidden_size": 16, "layers":
 * 1, "bidirectional": false, "bias": true, "dropout": 0.0, "layer_norm": false, "peepholes": false,
 * "reset_before": false}}: PyTorch's constructor arguments and the cell's variants ({@link
 * CellOptions}; a file without the variant fields, written before they existed, has none).
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
    into.addProperty("layer_norm", c.options().layerNorm());
    into.addProperty("peepholes", c.options().peepholes());
    into.addProperty("reset_before", c.options().resetBefore());
  }

  /**
   * Per layer l and direction: {@code G*H x I_l} + {@code G*H x H} weights and, with bias, two
   * {@code G*H} biases, where {@code I_0 = I} and {@code I_l = D*H} above; plus the cell's own
   * parameters (the variants': gains, peepholes), whose sizes depend on H only.
   */
  @Override
  public long parameterCount(LayerDescription d) throws ModelFileException {
    RecurrentStack.Config c = config(d);
    long gateRows = (long) c.cell().create().gateCount() * c.hiddenSize();
    long own =
        c.cell().create(c.options(), c.hiddenSize(), "").parameters().stream()
            .mapToLong(Parameter::size)
            .sum();
    long total = 0;
    for (int l = 0; l < c.layers(); l++) {
      long in = l == 0 ? c.inputSize() : c.outputSize();
      long perDirection = gateRows * (in + c.hiddenSize() + (c.bias() ? 2 : 0)) + own;
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
    CellOptions options =
        new CellOptions(
            d.optionalFlag("layer_norm"),
            d.optionalFlag("peepholes"),
            d.optionalFlag("reset_before"));
    try {
      options.requireFor(cell);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(
          "%s layer %d (recurrent_stack): %s"
              .formatted(ModelFile.MODEL_JSON, d.index(), e.getMessage()),
          e);
    }
    return new RecurrentStack.Config(
        cell,
        d.size("input_size"),
        d.size("hidden_size"),
        d.count("layers", 1, MAX_LAYERS),
        d.flag("bidirectional"),
        d.flag("bias"),
        d.probability("dropout"),
        options);
  }
}
