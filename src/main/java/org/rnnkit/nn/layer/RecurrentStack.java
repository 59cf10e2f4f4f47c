package org.rnnkit.nn.layer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.CellType;

/**
 * {@code L} recurrent layers, each in one or two directions, as PyTorch's {@code nn.RNN}, {@code
 * nn.LSTM} and {@code nn.GRU} modules. Layer 0 reads the input ({@code I} features); layer k > 0
 * reads the previous layer's output ({@code D*H} features). A bidirectional layer runs a forward
 * and a reverse {@link Recurrent} on the same input and concatenates their outputs, forward half
 * first.
 *
 * <p>States come as lists of {@link State} indexed {@code layer * D + direction}, the first
 * dimension of PyTorch's {@code h_0}, {@code h_n}.
 */
public final class RecurrentStack implements Layer {
  private final Config config;
  private final List<List<Recurrent>> layers = new ArrayList<>();
  private final List<Sequence> layerInputs = new ArrayList<>();
  private List<State> initialGradients = List.of();

  /**
   * The constructor arguments of PyTorch's recurrent modules.
   *
   * @param cell which cell
   * @param inputSize I
   * @param hiddenSize H
   * @param layers L, at least 1
   * @param bidirectional D = 2 when true
   * @param bias whether the layers have biases
   */
  public record Config(
      CellType cell,
      int inputSize,
      int hiddenSize,
      int layers,
      boolean bidirectional,
      boolean bias) {

    /** A one-layer, one-direction, biased stack. */
    public Config(CellType cell, int inputSize, int hiddenSize) {
      this(cell, inputSize, hiddenSize, 1, false, true);
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
    }

    /** D: 2 for bidirectional, else 1. */
    public int directions() {
      return bidirectional ? 2 : 1;
    }

    /** Features per output step: {@code D*H}. */
    public int outputSize() {
      return directions() * hiddenSize;
    }
  }

  /** A stack with PyTorch's default initialisation from {@code rng}. */
  public RecurrentStack(Config config, Random rng) {
    this.config = config;
    for (int l = 0; l < config.layers(); l++) {
      List<Recurrent> directions = new ArrayList<>();
      int in = l == 0 ? config.inputSize() : config.outputSize();
      for (int d = 0; d < config.directions(); d++) {
        String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
        Recurrent r =
            new Recurrent(
                config.cell().create(), in, config.hiddenSize(), config.bias(), d == 1, suffix);
        r.initialize(rng);
        directions.add(r);
      }
      layers.add(directions);
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

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    for (Recurrent r : recurrents()) {
      all.addAll(r.parameters());
    }
    return all;
  }

  @Override
  public Sequence forward(Sequence input, boolean training) {
    return forward(input, null);
  }

  /**
   * @param input Not modified. {@code T x B x I}.
   * @param initial Not modified. {@code L*D} states, or null for zeros.
   * @return the last layer's output, {@code T x B x D*H}
   */
  public Sequence forward(Sequence input, List<State> initial) {
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
        Sequence y = recurrent(l, d).forward(x, h0);
        out = out == null ? y : Sequence.concatFeatures(out, y);
      }
      x = out;
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
   * @param outputGradient Not modified. {@code dL/d output}, {@code T x B x D*H}.
   * @param finalGradients Not modified. {@code L*D} gradients of the final states, or null.
   * @return {@code dL/d input}
   */
  public Sequence backward(Sequence outputGradient, List<State> finalGradients) {
    if (layerInputs.isEmpty()) {
      throw new IllegalStateException("call forward before backward");
    }
    int dirs = config.directions();
    int h = config.hiddenSize();
    State[] initial = new State[layers.size() * dirs];
    Sequence dOut = outputGradient;
    for (int l = layers.size() - 1; l >= 0; l--) {
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
