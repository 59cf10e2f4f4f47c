package org.rnnkit.spark;

import java.util.List;
import org.rnnkit.nn.Parameter;

/**
 * Every parameter of a model as one vector of P doubles, in the order of {@code
 * model.parameters()}: what is broadcast (weights) and summed (gradients) per step.
 */
final class FlatParameters {
  private FlatParameters() {}

  /** P, the number of values. */
  static int size(List<Parameter> parameters) {
    int n = 0;
    for (Parameter p : parameters) {
      n += p.size();
    }
    return n;
  }

  /** The values as one new vector. */
  static double[] values(List<Parameter> parameters) {
    double[] out = new double[size(parameters)];
    int offset = 0;
    for (Parameter p : parameters) {
      System.arraycopy(p.value().data, 0, out, offset, p.size());
      offset += p.size();
    }
    return out;
  }

  /**
   * w = values.
   *
   * @param parameters Modified: their values
   * @param values Not modified. Length P.
   */
  static void setValues(List<Parameter> parameters, double[] values) {
    requireLength(parameters, values);
    int offset = 0;
    for (Parameter p : parameters) {
      System.arraycopy(values, offset, p.value().data, 0, p.size());
      offset += p.size();
    }
  }

  /**
   * out[0 .. P-1] += scale * g.
   *
   * @param out Modified; at least P long.
   */
  static void addGradients(List<Parameter> parameters, double scale, double[] out) {
    int offset = 0;
    for (Parameter p : parameters) {
      double[] g = p.grad().data;
      for (int i = 0; i < p.size(); i++) {
        out[offset + i] += scale * g[i];
      }
      offset += p.size();
    }
  }

  /**
   * g = sum[0 .. P-1] / divisor.
   *
   * @param parameters Modified: their gradients
   * @param sum Not modified; at least P long.
   */
  static void setGradients(List<Parameter> parameters, double[] sum, double divisor) {
    int offset = 0;
    for (Parameter p : parameters) {
      double[] g = p.grad().data;
      for (int i = 0; i < p.size(); i++) {
        g[i] = sum[offset + i] / divisor;
      }
      offset += p.size();
    }
  }

  private static void requireLength(List<Parameter> parameters, double[] values) {
    int size = size(parameters);
    if (values.length != size) {
      throw new IllegalArgumentException(
          "the model has %d parameter values, got %d; the replica must be built like the driver's model"
              .formatted(size, values.length));
    }
  }
}
