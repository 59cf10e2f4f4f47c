package org.rnnkit.train;

import java.util.List;
import org.rnnkit.nn.Parameter;

/** Temporary: replaced by optim's clipping when that lands. */
final class Clipping {
  private Clipping() {}

  static double globalNorm(List<Parameter> ps) {
    double s = 0;
    for (Parameter p : ps) {
      for (int i = 0; i < p.size(); i++) {
        s += p.grad().data[i] * p.grad().data[i];
      }
    }
    return Math.sqrt(s);
  }

  static void byNorm(List<Parameter> ps, double max, double norm) {
    double f = max / (norm + 1e-6);
    if (f < 1) {
      for (Parameter p : ps) {
        for (int i = 0; i < p.size(); i++) {
          p.grad().data[i] *= f;
        }
      }
    }
  }

  static void byValue(List<Parameter> ps, double v) {
    for (Parameter p : ps) {
      for (int i = 0; i < p.size(); i++) {
        p.grad().data[i] = Math.max(-v, Math.min(v, p.grad().data[i]));
      }
    }
  }
}
