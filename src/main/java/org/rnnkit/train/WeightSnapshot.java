package org.rnnkit.train;

import java.util.List;
import org.rnnkit.nn.Parameter;

/**
 * A copy of every parameter's value, taken and put back in place (no allocation after the first).
 */
final class WeightSnapshot {
  private final List<Parameter> parameters;
  private final double[][] values;

  WeightSnapshot(List<Parameter> parameters) {
    this.parameters = parameters;
    this.values = new double[parameters.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = new double[parameters.get(i).size()];
    }
  }

  void capture() {
    for (int i = 0; i < values.length; i++) {
      System.arraycopy(parameters.get(i).value().data, 0, values[i], 0, values[i].length);
    }
  }

  void restore() {
    for (int i = 0; i < values.length; i++) {
      System.arraycopy(values[i], 0, parameters.get(i).value().data, 0, values[i].length);
    }
  }

  static boolean allFinite(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      for (int i = 0; i < p.size(); i++) {
        if (!Double.isFinite(p.value().data[i])) {
          return false;
        }
      }
    }
    return true;
  }
}
