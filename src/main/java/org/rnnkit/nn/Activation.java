package org.rnnkit.nn;

/** Elementwise activation functions, each with its derivative written in terms of its output. */
public enum Activation {
  /** {@code y = x}. */
  IDENTITY {
    @Override
    public double apply(double x) {
      return x;
    }

    @Override
    public double derivativeFromOutput(double y) {
      return 1;
    }
  },
  /** {@code y = tanh(x)}, {@code dy/dx = 1 - y^2}. */
  TANH {
    @Override
    public double apply(double x) {
      return Math.tanh(x);
    }

    @Override
    public double derivativeFromOutput(double y) {
      return 1 - y * y;
    }
  },
  /** {@code y = 1 / (1 + exp(-x))}, {@code dy/dx = y (1 - y)}. */
  SIGMOID {
    @Override
    public double apply(double x) {
      return sigmoid(x);
    }

    @Override
    public double derivativeFromOutput(double y) {
      return y * (1 - y);
    }
  },
  /** {@code y = max(0, x)}, {@code dy/dx = 1 if y > 0 else 0} (0 at the kink, as PyTorch). */
  RELU {
    @Override
    public double apply(double x) {
      return x > 0 ? x : 0;
    }

    @Override
    public double derivativeFromOutput(double y) {
      return y > 0 ? 1 : 0;
    }
  };

  /** The activation of {@code x}. */
  public abstract double apply(double x);

  /** {@code dy/dx} at the point whose output is {@code y}. */
  public abstract double derivativeFromOutput(double y);

  /** The logistic function, evaluated without overflow for large negative {@code x}. */
  public static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
