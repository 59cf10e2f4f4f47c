package org.rnnkit.speech;

import com.google.gson.JsonObject;
import java.util.Random;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.RecurrentStack;

/**
 * The word classifier's network: a stacked, optionally bidirectional recurrent network over the
 * feature frames, a pooling of its outputs into one vector per utterance, and a dense layer giving
 * one logit per word:
 *
 * <pre>
 *   x: T x B x F  -> RecurrentStack (L layers, D directions, H units) -> T x B x D*H
 *                 -> pooling (last real frame or mean over real frames) -> 1 x B x D*H
 *                 -> Dense "head" -> 1 x B x C logits
 * </pre>
 *
 * @param cell the recurrent cell (default GRU)
 * @param hidden H (default 64)
 * @param layers L (default 1)
 * @param bidirectional D = 2 when true (default true)
 * @param pooling default mean
 * @param recurrentDropout recurrent (variational) dropout while training, 0 for none (default 0)
 */
public record Architecture(
    CellType cell,
    int hidden,
    int layers,
    boolean bidirectional,
    Pooling pooling,
    double recurrentDropout) {

  /** Without recurrent dropout. */
  public Architecture(
      CellType cell, int hidden, int layers, boolean bidirectional, Pooling pooling) {
    this(cell, hidden, layers, bidirectional, pooling, 0);
  }

  public Architecture {
    if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
      throw new IllegalArgumentException(
          "recurrent dropout must be in [0, 1), got " + recurrentDropout);
    }
    if (cell == null || pooling == null) {
      throw new IllegalArgumentException("cell and pooling are required");
    }
    if (hidden < 1 || layers < 1) {
      throw new IllegalArgumentException(
          "hidden size and layers must be at least 1, got %d and %d".formatted(hidden, layers));
    }
  }

  /** A one-layer bidirectional GRU of 64 units with mean pooling. */
  public static Architecture defaults() {
    return new Architecture(CellType.GRU, 64, 1, true, Pooling.MEAN);
  }

  /** A new network with freshly initialised weights. */
  public SequenceModel network(int features, int classes, Random rng) {
    var stack =
        new RecurrentStack(
            new RecurrentStack.Config(cell, features, hidden, layers, bidirectional, true)
                .withRecurrentDropout(recurrentDropout),
            rng);
    int width = (bidirectional ? 2 : 1) * hidden;
    return new SequenceModel(
        stack, pooling.layer(), new Dense("head", width, classes, Activation.IDENTITY, rng));
  }

  JsonObject toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("cell", cell.id());
    o.addProperty("hidden", hidden);
    o.addProperty("layers", layers);
    o.addProperty("bidirectional", bidirectional);
    o.addProperty("pooling", pooling.id());
    o.addProperty("recurrent_dropout", recurrentDropout);
    return o;
  }

  static Architecture fromJson(JsonObject o) {
    return new Architecture(
        CellType.parse(o.get("cell").getAsString()),
        o.get("hidden").getAsInt(),
        o.get("layers").getAsInt(),
        o.get("bidirectional").getAsBoolean(),
        Pooling.parse(o.get("pooling").getAsString()),
        o.has("recurrent_dropout") ? o.get("recurrent_dropout").getAsDouble() : 0);
  }
}
