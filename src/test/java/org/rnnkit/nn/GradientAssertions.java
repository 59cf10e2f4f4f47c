package org.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.rnnkit.diagnostics.GradientCheck;

/** Finite-difference checks of analytic gradients, for tests. */
public final class GradientAssertions {
  /** Central-difference step: ~cube root of machine epsilon, good for smooth functions. */
  public static final double EPS = 1e-6;

  /** Largest accepted error (see {@link GradientCheck}); correct code gives ~1e-9. */
  public static final double TOLERANCE = 1e-6;

  private GradientAssertions() {}

  /** A sequence of standard normal values. */
  public static Sequence randomSequence(int steps, int batch, int features, Random rng) {
    Sequence s = new Sequence(steps, batch, features);
    for (int i = 0; i < s.values().getNumElements(); i++) {
      s.values().data[i] = rng.nextGaussian();
    }
    return s;
  }

  /**
   * Asserts that {@code analytic} matches finite differences of {@code loss} over {@code values}.
   */
  public static void assertGradient(
      String what, DoubleSupplier loss, double[] values, double[] analytic) {
    assertGradient(what, loss, values, analytic, EPS);
  }

  /**
   * As {@link #assertGradient(String, DoubleSupplier, double[], double[])} with step {@code eps}.
   */
  public static void assertGradient(
      String what, DoubleSupplier loss, double[] values, double[] analytic, double eps) {
    GradientCheck.Result r = GradientCheck.check(loss, values, analytic.clone(), eps);
    assertTrue(
        r.maxError() < TOLERANCE,
        () ->
            "%s: element %d analytic %s vs numeric %s (error %.3g)"
                .formatted(what, r.worstIndex(), r.analytic(), r.numeric(), r.maxError()));
  }

  /**
   * Checks a layer's parameter and input gradients for the scalar {@code L = sum(y * R)}, with R a
   * fixed random weighting of the output, so every output element's gradient is exercised.
   */
  public static void assertLayerGradients(Layer layer, Sequence x, long seed) {
    assertLayerGradients(layer, x, seed, EPS);
  }

  /**
   * As {@link #assertLayerGradients(Layer, Sequence, long)} with finite-difference step {@code
   * eps}: a smaller step for a loss that curves sharply (a long chain of steps).
   */
  public static void assertLayerGradients(Layer layer, Sequence x, long seed, double eps) {
    Random rng = new Random(seed);
    Sequence y = layer.forward(x, false);
    Sequence weights = randomSequence(y.steps(), y.batch(), y.features(), rng);
    DoubleSupplier loss = () -> dot(layer.forward(x, false), weights);
    layer.parameters().forEach(Parameter::zeroGrad);
    layer.forward(x, false);
    Sequence dx = layer.backward(weights);
    for (Parameter p : layer.parameters()) {
      assertGradient(p.name(), loss, p.value().data, p.grad().data.clone(), eps);
    }
    assertGradient("input", loss, x.values().data, dx.values().data.clone(), eps);
  }

  /** {@code sum(a * b)} over every element. */
  public static double dot(Sequence a, Sequence b) {
    double s = 0;
    for (int i = 0; i < a.values().getNumElements(); i++) {
      s += a.values().data[i] * b.values().data[i];
    }
    return s;
  }
}
