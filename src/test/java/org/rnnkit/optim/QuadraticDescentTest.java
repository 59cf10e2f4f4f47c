package org.rnnkit.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnkit.nn.Parameter;

/**
 * Each optimizer, with typical settings, lowers an ill-conditioned quadratic:
 *
 * <pre>
 *   f(w) = (1/2) sum_i a_i (w_i - c_i)^2,   df/dw_i = a_i (w_i - c_i),   a = (1, 10)
 * </pre>
 *
 * whose minimum is 0 at {@code w = c}. Starting from {@code w = 0}, f is 5.5; after 200 steps it
 * must be below a hundredth of that, and no step may take f above its starting value.
 */
class QuadraticDescentTest {
  private static final double[] CURVATURE = {1, 10};
  private static final double[] MINIMUM = {1, -1};

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("SGD", new Sgd(0.05)),
        Arguments.of("SGD momentum", new Sgd(Sgd.Config.of(0.02).withMomentum(0.9))),
        Arguments.of(
            "SGD Nesterov", new Sgd(Sgd.Config.of(0.02).withMomentum(0.9).withNesterov(true))),
        Arguments.of("Adam", new Adam(Adam.Config.defaults().withLearningRate(0.05))),
        Arguments.of(
            "Adam amsgrad",
            new Adam(Adam.Config.defaults().withLearningRate(0.05).withAmsgrad(true))),
        Arguments.of("AdamW", new AdamW(AdamW.defaults().withLearningRate(0.05))),
        Arguments.of("RMSprop", new RmsProp()),
        Arguments.of("RMSprop centered", new RmsProp(RmsProp.Config.defaults().withCentered(true))),
        Arguments.of("Adagrad", new Adagrad(Adagrad.Config.defaults().withLearningRate(0.5))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void lowersAQuadratic(String name, Optimizer optimizer) {
    Parameter w = new Parameter("w", 1, 2);
    double start = loss(w);
    for (int step = 0; step < 200; step++) {
      double[] x = w.value().data;
      for (int i = 0; i < 2; i++) {
        w.grad().data[i] = CURVATURE[i] * (x[i] - MINIMUM[i]);
      }
      optimizer.step(List.of(w));
      assertTrue(loss(w) <= start, name + " rose above the start at step " + step);
    }
    double end = loss(w);
    assertTrue(end < start / 100, "%s: f went from %s to %s".formatted(name, start, end));
  }

  private static double loss(Parameter w) {
    double f = 0;
    for (int i = 0; i < 2; i++) {
      double e = w.value().data[i] - MINIMUM[i];
      f += 0.5 * CURVATURE[i] * e * e;
    }
    return f;
  }
}
