package org.rnnkit.text;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.rnnkit.io.ModelFile;
import org.rnnkit.io.ModelFileException;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.Embedding;
import org.rnnkit.nn.layer.RecurrentStack;

/**
 * A character language model: an {@link Embedding} of the V symbols, L recurrent layers and a
 * linear head giving the unnormalised log-probabilities of the next character at every step.
 *
 * <pre>
 *   e[t] = E[x[t]]               E: V x D      (embedding.weight)
 *   h[t] = rnn(e[t], h[t-1])     L layers of H (weight_ih_l0, ..., as torch.nn.LSTM)
 *   z[t] = h[t] W^T + b          W: V x H      (head.weight, head.bias)
 *   p(x[t+1] = v) = softmax(z[t])[v]
 * </pre>
 *
 * <p>An untrained model predicts about uniformly: its loss is about {@code ln V} nats per
 * character. The model file ({@link #save}) holds the vocabulary and the architecture beside the
 * weights, so {@link #load} needs nothing else.
 */
public final class CharModel {
  /** The {@code kind} of a text model's architecture in its model file. */
  public static final String KIND = "char_language_model";

  /**
   * The sizes of a character model.
   *
   * @param cell the recurrent cell
   * @param embedding D, the length of each character's vector
   * @param hidden H
   * @param layers L
   */
  public record Architecture(
      CellType cell, int embedding, int hidden, int layers, double recurrentDropout) {

    /** Without recurrent dropout. */
    public Architecture(CellType cell, int embedding, int hidden, int layers) {
      this(cell, embedding, hidden, layers, 0);
    }

    public Architecture {
      if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
        throw new IllegalArgumentException(
            "recurrent dropout must be in [0, 1), got " + recurrentDropout);
      }
      if (cell == null) {
        throw new IllegalArgumentException("cell type is required");
      }
      if (embedding < 1 || hidden < 1 || layers < 1) {
        throw new IllegalArgumentException(
            "embedding, hidden size and layers must be at least 1, got D=%d, H=%d, L=%d"
                .formatted(embedding, hidden, layers));
      }
    }
  }

  private final Vocabulary vocabulary;
  private final Architecture architecture;
  private final RecurrentStack rnn;
  private final SequenceModel network;

  /** A model with PyTorch's default initialisation drawn from {@code rng}. */
  public CharModel(Vocabulary vocabulary, Architecture architecture, Random rng) {
    this.vocabulary = vocabulary;
    this.architecture = architecture;
    int v = vocabulary.size();
    Embedding embedding = new Embedding("embedding", v, architecture.embedding(), rng);
    rnn =
        new RecurrentStack(
            new RecurrentStack.Config(
                    architecture.cell(),
                    architecture.embedding(),
                    architecture.hidden(),
                    architecture.layers(),
                    false,
                    true)
                .withRecurrentDropout(architecture.recurrentDropout()),
            rng);
    Dense head = new Dense("head", architecture.hidden(), v, Activation.IDENTITY, rng);
    network = new SequenceModel(embedding, rnn, head);
  }

  public Vocabulary vocabulary() {
    return vocabulary;
  }

  public Architecture architecture() {
    return architecture;
  }

  /** The layers: embedding, recurrent stack, head; input {@code T x B x 1} indices. */
  public SequenceModel network() {
    return network;
  }

  /** A model with the same vocabulary, architecture and weights, and no carried state. */
  public CharModel copy() {
    CharModel c = new CharModel(vocabulary, architecture, new Random(0));
    List<Parameter> to = c.network.parameters();
    List<Parameter> from = network.parameters();
    for (int i = 0; i < to.size(); i++) {
      to.get(i).value().setTo(from.get(i).value());
    }
    return c;
  }

  /** The number of trainable values. */
  public long parameterCount() {
    return network.parameters().stream().mapToLong(p -> p.size()).sum();
  }

  /**
   * Logits for every step of {@code input} from the carried state (or zeros), in inference mode;
   * the state after the last step is carried for the next call.
   *
   * @param input Not modified. {@code T x B x 1} symbol indices.
   * @return {@code T x B x V}
   */
  public Sequence advance(Sequence input) {
    Sequence z = network.forward(input, false);
    network.carryState();
    return z;
  }

  /** Forgets the carried state: the next {@link #advance} starts from zeros. */
  public void resetState() {
    network.resetState();
  }

  /** Saves atomically, with the vocabulary and architecture; see {@link ModelFile}. */
  public void save(Path file, JsonObject metadata) throws IOException {
    JsonObject arch = new JsonObject();
    arch.addProperty("kind", KIND);
    arch.addProperty("cell", architecture.cell().id());
    arch.addProperty("embedding", architecture.embedding());
    arch.addProperty("hidden", architecture.hidden());
    arch.addProperty("layers", architecture.layers());
    arch.addProperty("recurrent_dropout", architecture.recurrentDropout());
    JsonObject vocab = new JsonObject();
    JsonArray symbols = new JsonArray();
    for (int s : vocabulary.symbols()) {
      symbols.add(s);
    }
    vocab.add("code_points", symbols);
    vocab.addProperty("unknown", vocabulary.unknown().id());
    arch.add("vocabulary", vocab);
    ModelFile.save(file, network, arch, metadata, java.util.Map.of());
  }

  /**
   * Loads a model saved by {@link #save}.
   *
   * @throws ModelFileException when the file is not a text model or is damaged
   */
  public static CharModel load(Path file) throws IOException {
    ModelFile.Contents contents = ModelFile.read(file);
    JsonObject arch = contents.architecture();
    if (!arch.has("kind") || !KIND.equals(arch.get("kind").getAsString())) {
      throw new ModelFileException(
          "%s is not a text model (its architecture kind is %s, expected %s); give a model written by text train"
              .formatted(file, arch.has("kind") ? arch.get("kind") : "missing", KIND));
    }
    CharModel model;
    try {
      JsonObject vocab = arch.getAsJsonObject("vocabulary");
      JsonArray points = vocab.getAsJsonArray("code_points");
      int[] symbols = new int[points.size()];
      for (int i = 0; i < symbols.length; i++) {
        symbols[i] = points.get(i).getAsInt();
      }
      Vocabulary vocabulary =
          Vocabulary.fromSymbols(
              symbols, Vocabulary.Unknown.parse(vocab.get("unknown").getAsString()));
      Architecture a =
          new Architecture(
              CellType.parse(arch.get("cell").getAsString()),
              arch.get("embedding").getAsInt(),
              arch.get("hidden").getAsInt(),
              arch.get("layers").getAsInt(),
              arch.has("recurrent_dropout") ? arch.get("recurrent_dropout").getAsDouble() : 0);
      model = new CharModel(vocabulary, a, new Random(0));
    } catch (RuntimeException e) {
      throw new ModelFileException(
          file + " has a malformed text model description: " + e.getMessage(), e);
    }
    ModelFile.copyParameters(file, contents, model.network);
    return model;
  }
}
