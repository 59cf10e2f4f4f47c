package org.rnnkit.tasks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import org.rnnkit.nn.Initializer;
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
  GRU("gru", "GRU", CellType.GRU);

  private final String id;
  private final String label;
  private final CellType type;

  CellChoice(String id, String label, CellType type) {
    this.id = id;
    this.label = label;
    this.type = type;
  }

  /** The command-line name: rnn, rnn_relu, irnn, lstm, lstm_fb1, gru. */
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

  /** A one-layer stack of this cell, initialised from {@code rng}. */
  public RecurrentStack stack(int inputSize, int hiddenSize, Random rng) {
    return stack(inputSize, hiddenSize, 0, rng);
  }

  /** A one-layer stack of this cell with recurrent dropout p (0 for none). */
  public RecurrentStack stack(int inputSize, int hiddenSize, double recurrentDropout, Random rng) {
    var config =
        new RecurrentStack.Config(type, inputSize, hiddenSize)
            .withRecurrentDropout(recurrentDropout);
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
