package org.rnnkit.nn.cell;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rnnkit.nn.Activation;

/** The recurrent cells rnnkit provides, by the names the command line and model files use. */
public enum CellType {
  RNN_TANH("rnn_tanh"),
  RNN_RELU("rnn_relu"),
  LSTM("lstm"),
  GRU("gru");

  private final String id;

  CellType(String id) {
    this.id = id;
  }

  /** The lower-case name: {@code rnn_tanh}, {@code rnn_relu}, {@code lstm}, {@code gru}. */
  public String id() {
    return id;
  }

  /**
   * A new cell of this type with the given variants, for one layer-direction.
   *
   * @param options the variants; {@link CellOptions#requireFor} must accept this type
   * @param hiddenSize H, the size of the cell's own parameters
   * @param suffix appended to the cell's own parameter names, e.g. {@code _l0_reverse}
   */
  public Cell create(CellOptions options, int hiddenSize, String suffix) {
    options.requireFor(this);
    if (options.plain()) {
      return create();
    }
    Cell cell =
        switch (this) {
          case LSTM -> new LstmCell(hiddenSize, suffix, options.peepholes(), options.layerNorm());
          case GRU -> options.resetBefore() ? new ResetBeforeGruCell() : new GruCell();
          default -> create();
        };
    return options.layerNorm() ? new LayerNormCell(cell, hiddenSize, suffix) : cell;
  }

  /** A new cell of this type, as PyTorch's (no variant). */
  public Cell create() {
    return switch (this) {
      case RNN_TANH -> new RnnCell(Activation.TANH);
      case RNN_RELU -> new RnnCell(Activation.RELU);
      case LSTM -> new LstmCell();
      case GRU -> new GruCell();
    };
  }

  /**
   * Parses a name such as {@code lstm}; {@code rnn} means {@code rnn_tanh}, as PyTorch's default.
   */
  public static CellType parse(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT);
    if (key.equals("rnn")) {
      return RNN_TANH;
    }
    for (CellType type : values()) {
      if (type.id.equals(key)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown cell '%s'; choose one of rnn, %s"
            .formatted(
                name, Arrays.stream(values()).map(CellType::id).collect(Collectors.joining(", "))));
  }
}
