package org.rnnkit.nn.layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Randomized;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.Stateful;
import org.rnnkit.nn.cell.CellOptions;
import org.rnnkit.nn.cell.CellType;

/**
 * {@code L} recurrent layers, each in one or two directions, as PyTorch's {@code nn.RNN}, {@code
 * nn.LSTM} and {@code nn.GRU} modules. Layer 0 reads the input ({@code I} features); layer k > 0
 * reads the previous layer's output ({@code D*H} features, or {@code D*P} with PyTorch's {@code
 * proj_size} P). A bidirectional layer runs a forward and a reverse {@link Recurrent} on the same
 * input and concatenates their outputs, forward half first.
 *
 * <p>States come as lists of {@link State} indexed {@code layer * D + direction}, the first
 * dimension of PyTorch's {@code h_0}, {@code h_n}.
 */
public final class RecurrentStack implements Layer, Stateful, Randomized {
  private final Config config;
  private final List<List<Recurrent>> layers = new ArrayList<>();
  private final List<Dropout> dropouts = new ArrayList<>();
  private final List<Sequence> layerInputs = new ArrayList<>();
  private List<State> initialGradients = List.of();
  private List<State> carried;

  /**
   * The constructor arguments of PyTorch's recurrent modules.
   *
   * @param cell which cell
   * @param inputSize I
   * @param hiddenSize H
   * @param layers L, at least 1
   * @param bidirectional D = 2 when true
   * @param bias whether the layers have biases
   * @param dropout probability of inverted dropout on each layer's output except the last's, as
   *     PyTorch's {@code dropout} argument; 0 for none
   * @param projectionSize P, PyTorch's {@code proj_size}: 0 for none, else {@code 1..H-1} (LSTM
   *     only); see {@link Recurrent}
   * @param recurrentDropout probability of variational dropout inside every layer, on its inputs as
   *     well as on {@code h[t-1]} (unlike Keras's {@code recurrent_dropout}, which masks {@code
   *     h[t-1]} only), masks drawn per sequence once per forward pass, so once per chunk under
   *     truncated BPTT (see {@link Recurrent#setRecurrentDropout}); 0 for none
   * @param options the cell's variants (layer normalisation, peepholes, GRU reset-before); {@link
   *     CellOptions#NONE} for PyTorch's cells
   */
  public record Config(
      CellType cell,
      int inputSize,
      int hiddenSize,
      int layers,
      boolean bidirectional,
      boolean bias,
      double dropout,
      int projectionSize,
      double recurrentDropout,
      CellOptions options) {

    /** A stack of PyTorch's cells (no variant). */
    public Config(
        CellType cell,
        int inputSize,
        int hiddenSize,
        int layers,
        boolean bidirectional,
        boolean bias,
        double dropout,
        int projectionSize,
        double recurrentDropout) {
      this(
          cell,
          inputSize,
          hiddenSize,
          layers,
          bidirectional,
          bias,
          dropout,
          projectionSize,
          recurrentDropout,
          CellOptions.NONE);
    }

    /**
     * A stack of cells with the variants {@code options}, without projection or recurrent dropout.
     */
    public Config(
        CellType cell,
        int inputSize,
        int hiddenSize,
        int layers,
        boolean bidirectional,
        boolean bias,
        double dropout,
        CellOptions options) {
      this(cell, inputSize, hiddenSize, layers, bidirectional, bias, dropout, 0, 0, options);
    }

    /** A one-layer, one-direction, biased stack. */
    public Config(CellType cell, int inputSize, int hiddenSize) {
      this(cell, inputSize, hiddenSize, 1, false, true, 0);
    }

    /** A stack without dropout. */
    public Config(
        CellType cell,
        int inputSize,
        int hiddenSize,
        int layers,
        boolean bidirectional,
        boolean bias) {
      this(cell, inputSize, hiddenSize, layers, bidirectional, bias, 0);
    }

    /** A stack without projection or recurrent dropout. */
    public Config(
        CellType cell,
        int inputSize,
        int hiddenSize,
        int layers,
        boolean bidirectional,
        boolean bias,
        double dropout) {
      this(cell, inputSize, hiddenSize, layers, bidirectional, bias, dropout, 0, 0);
    }

    public Config {
      if (cell == null) {
        throw new IllegalArgumentException("cell type is required");
      }
      if (inputSize < 1 || hiddenSize < 1 || layers < 1) {
        throw new IllegalArgumentException(
            "input size, hidden size and layers must be at least 1, got I=%d, H=%d, L=%d"
                .formatted(inputSize, hiddenSize, layers));
      }
      if (!(dropout >= 0 && dropout < 1)) {
        throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
      }
      if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
        throw new IllegalArgumentException(
            "recurrent dropout must be in [0, 1), got " + recurrentDropout);
      }
      Recurrent.requireProjection(cell.create(), projectionSize, hiddenSize);
      if (options == null) {
        throw new IllegalArgumentException("cell options are required; CellOptions.NONE for none");
      }
      options.requireFor(cell);
      if (options.resetBefore() && recurrentDropout > 0) {
        throw new IllegalArgumentException(
            "recurrent dropout is not supported with the reset-before GRU (its gated product would"
                + " need the mask too); use the reset-after GRU or no recurrent dropout");
      }
    }

    /** This configuration with PyTorch's {@code proj_size} P (0 for none). */
    public Config withProjectionSize(int projectionSize) {
      return copyWith(projectionSize, recurrentDropout, options);
    }

    /** This configuration with recurrent (variational) dropout of probability p (0 for none). */
    public Config withRecurrentDropout(double p) {
      return copyWith(projectionSize, p, options);
    }

    /** This configuration with the cell variants {@code options}. */
    public Config withOptions(CellOptions options) {
      return copyWith(projectionSize, recurrentDropout, options);
    }

    /** This configuration with its last three fields (the ones with a wither) replaced. */
    private Config copyWith(int projectionSize, double recurrentDropout, CellOptions options) {
      return new Config(
          cell,
          inputSize,
          hiddenSize,
          layers,
          bidirectional,
          bias,
          dropout,
          projectionSize,
          recurrentDropout,
          options);
    }

    /** Features of h in one direction: P when projecting, else H. */
    public int stateSize() {
      return projectionSize > 0 ? projectionSize : hiddenSize;
    }

    /** D: 2 for bidirectional, else 1. */
    public int directions() {
      return bidirectional ? 2 : 1;
    }

    /** Features per output step: {@code D*H}, or {@code D*P} when projecting. */
    public int outputSize() {
      return directions() * stateSize();
    }
  }

  /**
   * A stack with PyTorch's default initialisation from {@code rng}; the dropout streams are seeded
   * from {@code rng} after the weights.
   */
  public RecurrentStack(Config config, Random rng) {
    this.config = config;
    for (int l = 0; l < config.layers(); l++) {
      List<Recurrent> directions = new ArrayList<>();
      int in = l == 0 ? config.inputSize() : config.outputSize();
      for (int d = 0; d < config.directions(); d++) {
        String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
        Recurrent r =
            new Recurrent(
                config.cell().create(config.options(), config.hiddenSize(), suffix),
                in,
                config.hiddenSize(),
                config.projectionSize(),
                config.bias(),
                d == 1,
                suffix);
        r.initialize(rng);
        directions.add(r);
      }
      layers.add(directions);
    }
    for (int l = 0; l + 1 < config.layers() && config.dropout() > 0; l++) {
      dropouts.add(new Dropout(config.dropout(), rng.nextLong()));
    }
    for (Recurrent r : config.recurrentDropout() > 0 ? recurrents() : List.<Recurrent>of()) {
      r.setRecurrentDropout(config.recurrentDropout(), rng.nextLong());
    }
  }

  @Override
  public void carryState() {
    carried = finalStates();
  }

  @Override
  public void resetState() {
    carried = null;
  }

  @Override
  public void reseed(long seed) {
    for (int i = 0; i < dropouts.size(); i++) {
      dropouts.get(i).reseed(seed * 31 + i);
    }
    List<Recurrent> all = recurrents();
    for (int i = 0; i < all.size(); i++) {
      all.get(i).reseed(seed * 31 + 1_000_003L + i);
    }
  }

  public Config config() {
    return config;
  }

  /** The layer-direction {@link Recurrent} at {@code layer * D + direction}. */
  public Recurrent recurrent(int layer, int direction) {
    return layers.get(layer).get(direction);
  }

  /** Every layer-direction, in PyTorch's order: layer by layer, forward before reverse. */
  public List<Recurrent> recurrents() {
    List<Recurrent> all = new ArrayList<>();
    layers.forEach(all::addAll);
    return all;
  }

  /** Sets buffer reuse on every layer-direction; see {@link Layer}'s ownership rules. */
  @Override
  public void reuseBuffers(boolean reuse) {
    recurrents().forEach(r -> r.reuseBuffers(reuse));
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    for (Recurrent r : recurrents()) {
      all.addAll(r.parameters());
    }
    return all;
  }

  /** Runs from the carried state ({@link #carryState()}), or from zeros. */
  @Override
  public Sequence forward(Sequence input, boolean training) {
    return forward(input, carried, training);
  }

  /**
   * Runs in inference mode (no dropout).
   *
   * @param input Not modified. {@code T x B x I}.
   * @param initial Not modified. {@code L*D} states, or null for zeros.
   * @return the last layer's output, {@code T x B x D*H} ({@code D*P} when projecting)
   */
  public Sequence forward(Sequence input, List<State> initial) {
    return forward(input, initial, false);
  }

  /**
   * @param input Not modified. {@code T x B x I}.
   * @param initial Not modified. {@code L*D} states, or null for zeros.
   * @param training true to apply dropout between layers and recurrent dropout
   * @return the last layer's output, {@code T x B x D*H} ({@code D*P} when projecting)
   */
  public Sequence forward(Sequence input, List<State> initial, boolean training) {
    if (initial != null && initial.size() != config.layers() * config.directions()) {
      throw new IllegalArgumentException(
          "initial state needs L*D = %d entries (layers x directions), got %d"
              .formatted(config.layers() * config.directions(), initial.size()));
    }
    layerInputs.clear();
    Sequence x = input;
    for (int l = 0; l < layers.size(); l++) {
      layerInputs.add(x);
      Sequence out = null;
      for (int d = 0; d < config.directions(); d++) {
        State h0 = initial == null ? null : initial.get(l * config.directions() + d);
        Sequence y = recurrent(l, d).forward(x, h0, training);
        out = out == null ? y : Sequence.concatFeatures(out, y);
      }
      x = l < dropouts.size() ? dropouts.get(l).forward(out, training) : out;
    }
    return x;
  }

  /** The final states of the latest forward, {@code L*D} entries. */
  public List<State> finalStates() {
    return recurrents().stream().map(Recurrent::finalState).toList();
  }

  @Override
  public Sequence backward(Sequence outputGradient) {
    return backward(outputGradient, null);
  }

  /**
   * @param outputGradient Not modified. {@code dL/d output}, {@code T x B x D*H} ({@code D*P}).
   * @param finalGradients Not modified. {@code L*D} gradients of the final states, or null.
   * @return {@code dL/d input}
   */
  public Sequence backward(Sequence outputGradient, List<State> finalGradients) {
    if (layerInputs.isEmpty()) {
      throw new IllegalStateException("call forward before backward");
    }
    int dirs = config.directions();
    int h = config.stateSize();
    State[] initial = new State[layers.size() * dirs];
    Sequence dOut = outputGradient;
    for (int l = layers.size() - 1; l >= 0; l--) {
      if (l < dropouts.size()) {
        dOut = dropouts.get(l).backward(dOut);
      }
      Sequence dIn = null;
      for (int d = 0; d < dirs; d++) {
        Recurrent r = recurrent(l, d);
        Sequence slice = dirs == 1 ? dOut : dOut.featureSlice(d * h, h);
        State dFinal = finalGradients == null ? null : finalGradients.get(l * dirs + d);
        Sequence dx = r.backward(slice, dFinal);
        initial[l * dirs + d] = r.initialStateGradient();
        if (dIn == null) {
          dIn = dx;
        } else {
          org.ejml.dense.row.CommonOps_DDRM.addEquals(dIn.values(), dx.values());
        }
      }
      dOut = dIn;
    }
    initialGradients = Collections.unmodifiableList(List.of(initial));
    return dOut;
  }

  /** {@code dL/d initial state}, {@code L*D} entries, from the latest backward. */
  public List<State> initialStateGradients() {
    return initialGradients;
  }
}
