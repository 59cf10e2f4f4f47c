package org.rnnkit.tasks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import org.rnnkit.nn.Initializer;
import org.rnnkit.nn.cell.CellOptions;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Recurrent;
import org.rnnkit.nn.layer.RecurrentStack;

/**
 * A cell type together with its initialisation, as compared in the vanishing-gradient literature.
 */
public enum CellChoice {
  /** Tanh RNN, PyTorch's default init. */
  RNN_TANH("rnn", "tanh RNN", CellType.RNN_TANH),
  /** Relu RNN, PyTorch's default init. */
  RNN_RELU("rnn_relu", "relu RNN", CellType.RNN_RELU),
  /**
   * Relu RNN with {@code W_hh = I} and zero biases (Le, Jaitly and Hinton 2015, "IRNN"); {@code
   * W_ih} keeps PyTorch's default.
   */
  IRNN("irnn", "relu RNN, identity init", CellType.RNN_RELU),
  /** LSTM, PyTorch's default init. */
  LSTM("lstm", "LSTM", CellType.LSTM),
  /** LSTM with the forget-gate bias raised by 1 (Gers et al. 2000; Jozefowicz et al. 2015). */
  LSTM_FORGET1("lstm_fb1", "LSTM, forget bias +1", CellType.LSTM),
  /** GRU, PyTorch's default init. */
  GRU("gru", "GRU", CellType.GRU),
  /** Tanh RNN with layer-normalised pre-activations (Ba, Kiros and Hinton 2016). */
  RNN_LN("rnn_ln", "tanh RNN, layer norm", CellType.RNN_TANH, new CellOptions(true, false, false)),
  /** LSTM with layer-normalised pre-activations and memory (Ba, Kiros and Hinton 2016). */
  LSTM_LN("lstm_ln", "LSTM, layer norm", CellType.LSTM, new CellOptions(true, false, false)),
  /** GRU with layer-normalised pre-activations (Ba, Kiros and Hinton 2016). */
  GRU_LN("gru_ln", "GRU, layer norm", CellType.GRU, new CellOptions(true, false, false)),
  /** LSTM with peephole connections (Gers and Schmidhuber 2000). */
  LSTM_PEEPHOLE(
      "lstm_peephole", "LSTM, peepholes", CellType.LSTM, new CellOptions(false, true, false)),
  /** GRU with the reset gate before the recurrent product (Cho et al. 2014). */
  GRU_RESET_BEFORE(
      "gru_reset_before", "GRU, reset before", CellType.GRU, new CellOptions(false, false, true));

  private final String id;
  private final String label;
  private final CellType type;
  private final CellOptions options;

  CellChoice(String id, String label, CellType type) {
    this(id, label, type, CellOptions.NONE);
  }

  CellChoice(String id, String label, CellType type, CellOptions options) {
    this.id = id;
    this.label = label;
    this.type = type;
    this.options = options;
  }

  /**
   * The command-line name: rnn, rnn_relu, irnn, lstm, lstm_fb1, gru, rnn_ln, lstm_ln, gru_ln,
   * lstm_peephole, gru_reset_before.
   */
  public String id() {
    return id;
  }

  /** A name for chart legends. */
  public String label() {
    return label;
  }

  public CellType type() {
    return type;
  }

  /** The cell's variants. */
  public CellOptions options() {
    return options;
  }

  /**
   * The layer-normalised version of this choice (rnn, lstm, gru; itself if it has one already).
   *
   * @throws IllegalArgumentException for a choice that has none (relu RNN, IRNN, forget bias +1,
   *     peepholes, reset-before GRU)
   */
  public CellChoice layerNormalised() {
    return switch (this) {
      case RNN_TANH, RNN_LN -> RNN_LN;
      case LSTM, LSTM_LN -> LSTM_LN;
      case GRU, GRU_LN -> GRU_LN;
      default ->
          throw new IllegalArgumentException(
              "layer normalisation is offered for the rnn, lstm and gru cells, not " + id);
    };
  }

  /** A one-layer stack of this cell, initialised from {@code rng}. */
  public RecurrentStack stack(int inputSize, int hiddenSize, Random rng) {
    return stack(inputSize, hiddenSize, 0, rng);
  }

  /** A one-layer stack of this cell with recurrent dropout p (0 for none). */
  public RecurrentStack stack(int inputSize, int hiddenSize, double recurrentDropout, Random rng) {
    var config =
        new RecurrentStack.Config(type, inputSize, hiddenSize)
            .withRecurrentDropout(recurrentDropout)
            .withOptions(options);
    var stack = new RecurrentStack(config, rng);
    Recurrent r = stack.recurrent(0, 0);
    if (this == IRNN) {
      r.initialize(
          Initializer.uniform(1 / Math.sqrt(hiddenSize)),
          Initializer.identity(),
          Initializer.constant(0),
          rng);
    } else if (this == LSTM_FORGET1) {
      r.raiseForgetGateBias(1);
    }
    return stack;
  }

  /** Parses a name; {@code rnn_tanh} is accepted for {@code rnn}. */
  public static CellChoice parse(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT);
    if (key.equals("rnn_tanh")) {
      return RNN_TANH;
    }
    for (CellChoice c : values()) {
      if (c.id.equals(key)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown cell '%s'; choose one of %s"
            .formatted(
                name,
                Arrays.stream(values()).map(CellChoice::id).collect(Collectors.joining(", "))));
  }
}
