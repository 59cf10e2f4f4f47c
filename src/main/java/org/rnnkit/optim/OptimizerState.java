package org.rnnkit.optim;

import java.util.Map;
import java.util.Set;

/**
 * An optimizer's whole state for a checkpoint: one {@link ParameterState} per parameter name.
 * Immutable.
 *
 * @param parameters parameter name to its state; copied
 */
public record OptimizerState(Map<String, ParameterState> parameters) {

  /** The state of an optimizer that has not stepped yet. */
  public static final OptimizerState EMPTY = new OptimizerState(Map.of());

  public OptimizerState {
    parameters = Map.copyOf(parameters);
  }

  /** The names of the parameters that have state. */
  public Set<String> parameterNames() {
    return parameters.keySet();
  }

  /** The state kept for {@code name}; fails naming the parameters that have state. */
  public ParameterState parameter(String name) {
    ParameterState s = parameters.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "no optimizer state for parameter %s; state exists for %s"
              .formatted(name, parameters.keySet()));
    }
    return s;
  }
}
