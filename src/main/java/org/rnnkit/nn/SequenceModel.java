package org.rnnkit.nn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Layers applied one after another: {@code y = f_n(... f_2(f_1(x)))}. Backward runs them in
 * reverse. A recurrent network, a feedforward network ({@code T = 1}) and a recurrent network with
 * a dense head are all sequence models.
 *
 * <pre>{@code
 * Random rng = new Random(42);
 * SequenceModel model = new SequenceModel(
 *     new RecurrentStack(new RecurrentStack.Config(CellType.LSTM, 1, 16), rng),
 *     new LastStep(),
 *     new Dense("head", 16, 1, Activation.IDENTITY, rng));
 * Sequence y = model.predict(x); // 1 x B x 1
 * }</pre>
 */
public final class SequenceModel implements Layer, Stateful, Randomized {
  private final List<Layer> layers;

  /** Fails if two parameters share a name, since names are how weights are saved and loaded. */
  public SequenceModel(List<Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one layer");
    }
    this.layers = List.copyOf(layers);
    Set<String> names = new HashSet<>();
    for (Parameter p : parameters()) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException(
            "two parameters are named " + p.name() + "; give each layer a distinct name");
      }
    }
  }

  public SequenceModel(Layer... layers) {
    this(List.of(layers));
  }

  public List<Layer> layers() {
    return layers;
  }

  @Override
  public Sequence forward(Sequence x, boolean training) {
    Sequence y = x;
    for (Layer layer : layers) {
      y = layer.forward(y, training);
    }
    return y;
  }

  @Override
  public Sequence backward(Sequence dy) {
    Sequence d = dy;
    for (int i = layers.size() - 1; i >= 0; i--) {
      d = layers.get(i).backward(d);
    }
    return d;
  }

  /**
   * The model's output for {@code x} in inference mode: {@code forward(x, false)} from a zero state
   * (dropout off, no state carried in or out, no gradient touched), as a sequence the caller owns
   * even with buffer reuse on. Every sequence of the batch is predicted at once.
   *
   * <pre>{@code
   * Sequence y = model.predict(x); // T x B x O, or 1 x B x O after LastStep
   * }</pre>
   *
   * @param x Not modified. {@code T x B x I}; padded sequences are read up to their lengths.
   */
  public Sequence predict(Sequence x) {
    resetState();
    Sequence y = forward(x, false).copy();
    resetState();
    return y;
  }

  /**
   * The most likely class at every real step of every sequence: {@code argmax_f predict(x)[t, b,
   * f]}, ties to the lower index.
   *
   * @param x Not modified. {@code T x B x I}.
   * @return {@code classes[b][t]}, one row per sequence, as long as its real output steps (one
   *     entry per sequence for a many-to-one model)
   */
  public int[][] predictClasses(Sequence x) {
    Sequence y = predict(x);
    if (y.features() < 2) {
      throw new IllegalArgumentException(
          "predictClasses needs one output per class (at least 2), the model gives %d; use predict"
                  .formatted(y.features())
              + " for a regression model");
    }
    int[][] classes = new int[y.batch()][];
    for (int b = 0; b < y.batch(); b++) {
      classes[b] = new int[y.length(b)];
      for (int t = 0; t < classes[b].length; t++) {
        classes[b][t] = argmax(y, t, b);
      }
    }
    return classes;
  }

  /** The feature with the largest value at step t of sequence b; ties to the lower index. */
  private static int argmax(Sequence y, int t, int b) {
    int best = 0;
    for (int f = 1; f < y.features(); f++) {
      if (y.get(t, b, f) > y.get(t, b, best)) {
        best = f;
      }
    }
    return best;
  }

  /** Sets buffer reuse on every layer; see {@link Layer}'s ownership rules. */
  @Override
  public void reuseBuffers(boolean reuse) {
    layers.forEach(l -> l.reuseBuffers(reuse));
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    layers.forEach(l -> all.addAll(l.parameters()));
    return all;
  }

  /** Sets every parameter's gradient to zero; call before each backward that starts a step. */
  public void zeroGrad() {
    parameters().forEach(Parameter::zeroGrad);
  }

  @Override
  public void carryState() {
    layers.stream().filter(Stateful.class::isInstance).forEach(l -> ((Stateful) l).carryState());
  }

  @Override
  public void resetState() {
    layers.stream().filter(Stateful.class::isInstance).forEach(l -> ((Stateful) l).resetState());
  }

  /** Reseeds every randomized layer, each from its own value derived from {@code seed}. */
  @Override
  public void reseed(long seed) {
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof Randomized r) {
        r.reseed(seed * 1_000_003L + i);
      }
    }
  }

  /** The parameter called {@code name}; fails naming the ones that exist. */
  public Parameter parameter(String name) {
    for (Parameter p : parameters()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "no parameter named %s; the model has %s"
            .formatted(name, parameters().stream().map(Parameter::name).toList()));
  }
}
