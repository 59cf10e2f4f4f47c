package org.rnnkit.optim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rnnkit.nn.Parameter;

/**
 * The bookkeeping every optimizer shares: the current learning rate, per-parameter state keyed by
 * name (step count and buffers), validation before any update, saving and loading the state, and
 * PyTorch's coupled weight decay. A subclass supplies its buffer names and the per-element update.
 */
abstract class AbstractOptimizer implements Optimizer {
  private final List<String> bufferNames;
  private final Map<String, Slots> slots = new HashMap<>();
  private double learningRate;
  private double[] decayedGradient = new double[0];

  /** Mutable state of one parameter: steps taken and buffers in {@link #bufferNames} order. */
  private static final class Slots {
    long step;
    final double[][] buffers;

    Slots(long step, double[][] buffers) {
      this.step = step;
      this.buffers = buffers;
    }

    int size() {
      return buffers.length == 0 ? -1 : buffers[0].length;
    }
  }

  /**
   * @param learningRate the initial learning rate, validated by the subclass's config
   * @param bufferNames PyTorch's names of the buffers kept per parameter, in the order {@link
   *     #update} receives them
   */
  AbstractOptimizer(double learningRate, List<String> bufferNames) {
    this.learningRate = learningRate;
    this.bufferNames = List.copyOf(bufferNames);
  }

  /**
   * Updates one parameter in place.
   *
   * @param w Modified. The parameter's values.
   * @param g Not modified. Its gradient.
   * @param n elements to update, {@code w.length} may be larger
   * @param step this parameter's step number, 1 on its first step
   * @param buffers Modified. The buffers named by the constructor, each of length n.
   */
  abstract void update(double[] w, double[] g, int n, long step, double[][] buffers);

  /**
   * Fills a new parameter's buffers with their initial values; zeros unless overridden.
   *
   * @param buffers Modified.
   */
  void initialise(double[][] buffers) {}

  @Override
  public final void step(List<Parameter> parameters) {
    Set<String> names = new HashSet<>();
    for (Parameter p : parameters) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException(
            "two parameters are named %s; %s keys its state by name, so give each a distinct name"
                .formatted(p.name(), getClass().getSimpleName()));
      }
      Slots s = slots.get(p.name());
      if (s != null && s.size() != -1 && s.size() != p.size()) {
        throw new IllegalArgumentException(
            ("%s state for %s has %d values per buffer, but the parameter is %s (%d values);"
                    + " the loaded state belongs to another model")
                .formatted(getClass().getSimpleName(), p.name(), s.size(), p.shape(), p.size()));
      }
    }
    for (Parameter p : parameters) {
      Slots s = slots.computeIfAbsent(p.name(), name -> newSlots(p.size()));
      s.step++;
      update(p.value().data, p.grad().data, p.size(), s.step, s.buffers);
    }
  }

  private Slots newSlots(int size) {
    double[][] buffers = new double[bufferNames.size()][size];
    initialise(buffers);
    return new Slots(0, buffers);
  }

  @Override
  public final double learningRate() {
    return learningRate;
  }

  @Override
  public final void setLearningRate(double learningRate) {
    this.learningRate =
        Hyperparameters.nonNegative(
            getClass().getSimpleName() + " learning rate",
            learningRate,
            "typical values are 1e-4 to 0.1");
  }

  @Override
  public final OptimizerState state() {
    Map<String, ParameterState> out = new HashMap<>();
    slots.forEach(
        (name, s) -> {
          Map<String, double[]> buffers = new LinkedHashMap<>();
          for (int i = 0; i < bufferNames.size(); i++) {
            buffers.put(bufferNames.get(i), s.buffers[i]);
          }
          out.put(name, new ParameterState(s.step, buffers));
        });
    return new OptimizerState(out);
  }

  @Override
  public final void loadState(OptimizerState state) {
    Map<String, Slots> loaded = new HashMap<>();
    state
        .parameters()
        .forEach(
            (name, p) -> {
              if (!p.bufferNames().equals(Set.copyOf(bufferNames))) {
                throw new IllegalArgumentException(
                    ("state for %s has buffers %s, but this %s keeps %s; load a state saved by an"
                            + " optimizer of the same kind and settings")
                        .formatted(name, p.bufferNames(), this, bufferNames));
              }
              double[][] buffers = new double[bufferNames.size()][];
              for (int i = 0; i < buffers.length; i++) {
                buffers[i] = p.buffer(bufferNames.get(i));
                if (buffers[i].length != buffers[0].length) {
                  throw new IllegalArgumentException(
                      "state for %s has buffer %s of %d values and %s of %d; they must match"
                          .formatted(
                              name,
                              bufferNames.get(0),
                              buffers[0].length,
                              bufferNames.get(i),
                              buffers[i].length));
                }
              }
              loaded.put(name, new Slots(p.step(), buffers));
            });
    slots.clear();
    slots.putAll(loaded);
  }

  /**
   * PyTorch's (coupled) weight decay, an L2 penalty folded into the gradient: {@code g + wd * w}.
   *
   * @param w Not modified.
   * @param g Not modified.
   * @return {@code g} itself when {@code weightDecay} is 0, else a workspace owned by this
   *     optimizer, valid until the next call
   */
  final double[] withWeightDecay(double[] w, double[] g, int n, double weightDecay) {
    if (weightDecay == 0) {
      return g;
    }
    if (decayedGradient.length < n) {
      decayedGradient = new double[n];
    }
    for (int i = 0; i < n; i++) {
      decayedGradient[i] = g[i] + weightDecay * w[i];
    }
    return decayedGradient;
  }

  /** The settings, shown in messages. */
  abstract Record config();

  @Override
  public String toString() {
    return getClass().getSimpleName() + " with " + config();
  }
}
