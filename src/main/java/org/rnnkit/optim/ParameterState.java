package org.rnnkit.optim;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What an optimizer keeps for one parameter: the number of steps it has taken and named buffers of
 * the parameter's size, under PyTorch's state names so that a {@code torch.optim} state dict maps
 * onto it by name.
 *
 * <table>
 *   <caption>Buffers per optimizer</caption>
 *   <tr><th>optimizer</th><th>buffers</th></tr>
 *   <tr><td>{@link Sgd}</td><td>{@code momentum_buffer} when momentum &gt; 0, else none</td></tr>
 *   <tr><td>{@link Adam}, {@link AdamW}</td>
 *       <td>{@code exp_avg}, {@code exp_avg_sq}, and {@code max_exp_avg_sq} with amsgrad</td></tr>
 *   <tr><td>{@link RmsProp}</td>
 *       <td>{@code square_avg}; {@code momentum_buffer} when momentum &gt; 0; {@code grad_avg}
 *       when centered</td></tr>
 *   <tr><td>{@link Adagrad}</td><td>{@code sum}</td></tr>
 * </table>
 *
 * <p>Immutable: the arrays are copied in and copied out.
 */
public final class ParameterState {
  private final long step;
  private final Map<String, double[]> buffers;

  /**
   * @param step steps this parameter has taken, at least 0
   * @param buffers Not modified. Buffer name to values.
   */
  public ParameterState(long step, Map<String, double[]> buffers) {
    if (step < 0) {
      throw new IllegalArgumentException("step count must be at least 0, got " + step);
    }
    Map<String, double[]> copy = new LinkedHashMap<>();
    buffers.forEach((name, values) -> copy.put(name, values.clone()));
    this.step = step;
    this.buffers = copy;
  }

  /** Steps this parameter has taken. */
  public long step() {
    return step;
  }

  /** The buffer names, in the optimizer's order. */
  public Set<String> bufferNames() {
    return Collections.unmodifiableSet(buffers.keySet());
  }

  /** A copy of the named buffer; fails naming the buffers that exist. */
  public double[] buffer(String name) {
    double[] values = buffers.get(name);
    if (values == null) {
      throw new IllegalArgumentException(
          "no optimizer buffer named %s; this state has %s".formatted(name, buffers.keySet()));
    }
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ParameterState other)
        || step != other.step
        || !buffers.keySet().equals(other.buffers.keySet())) {
      return false;
    }
    return buffers.entrySet().stream()
        .allMatch(e -> Arrays.equals(e.getValue(), other.buffers.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(step);
    for (Map.Entry<String, double[]> e : buffers.entrySet()) {
      h = 31 * h + e.getKey().hashCode() + Arrays.hashCode(e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    return "ParameterState[step=" + step + ", buffers=" + buffers.keySet() + "]";
  }
}
