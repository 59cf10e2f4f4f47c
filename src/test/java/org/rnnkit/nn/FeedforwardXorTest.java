package org.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.loss.Loss;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.optim.Sgd;

/**
 * "Static" backpropagation: a 2-2-1 sigmoid network (Rumelhart, Hinton and Williams 1986) trained
 * on XOR by the same layers, loss and optimizer as the recurrent models, with T = 1.
 */
class FeedforwardXorTest {
  private static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  private static final double[] TARGETS = {0, 1, 1, 0};

  private static SequenceModel network(Random rng) {
    return new SequenceModel(
        new Dense("hidden", 2, 2, Activation.SIGMOID, rng),
        new Dense("output", 2, 1, Activation.SIGMOID, rng));
  }

  @Test
  void gradientsForOneExampleMatchTheHandDerivedChainRule() {
    SequenceModel net = network(new Random(0));
    // w1 = [[a, b], [c, d]], b1 = [e, f], w2 = [g, h], b2 = k
    double a = 0.5, b = -0.3, c = 0.8, d = 0.2, e = 0.1, f = -0.4, g = 1.2, h = -0.7, k = 0.3;
    net.parameter("hidden.weight").set(a, b, c, d);
    net.parameter("hidden.bias").set(e, f);
    net.parameter("output.weight").set(g, h);
    net.parameter("output.bias").set(k);
    double x1 = 1, x2 = 0, target = 1;

    // hand-derived: h_j = s(w1_j . x + b1_j), y = s(w2 . h + b2), L = (y - t)^2
    double h1 = sigmoid(a * x1 + b * x2 + e);
    double h2 = sigmoid(c * x1 + d * x2 + f);
    double y = sigmoid(g * h1 + h * h2 + k);
    double delta2 = 2 * (y - target) * y * (1 - y);
    double delta1a = g * delta2 * h1 * (1 - h1);
    double delta1b = h * delta2 * h2 * (1 - h2);

    Sequence x = Sequence.fromBatchFirst(new double[][][] {{{x1, x2}}});
    Sequence t = Sequence.fromBatchFirst(new double[][][] {{{target}}});
    net.zeroGrad();
    Loss.Evaluation eval = new MeanSquaredError().evaluate(net.forward(x, true), t);
    net.backward(eval.gradient());

    assertEquals((y - target) * (y - target), eval.value(), 1e-15);
    assertArray(new double[] {delta2 * h1, delta2 * h2}, net.parameter("output.weight"));
    assertArray(new double[] {delta2}, net.parameter("output.bias"));
    assertArray(
        new double[] {delta1a * x1, delta1a * x2, delta1b * x1, delta1b * x2},
        net.parameter("hidden.weight"));
    assertArray(new double[] {delta1a, delta1b}, net.parameter("hidden.bias"));
  }

  @Test
  void learnsXorWithFullBatchGradientDescent() {
    SequenceModel net = network(new Random(1));
    // the four examples as one batch of one-step sequences
    Sequence x = new Sequence(1, 4, 2);
    Sequence t = new Sequence(1, 4, 1);
    for (int i = 0; i < 4; i++) {
      x.set(0, i, 0, INPUTS[i][0]);
      x.set(0, i, 1, INPUTS[i][1]);
      t.set(0, i, 0, TARGETS[i]);
    }
    var mse = new MeanSquaredError();
    var sgd = new Sgd(2.0);
    double first = mse.value(net.forward(x, false), t);
    for (int epoch = 0; epoch < 5000; epoch++) {
      net.zeroGrad();
      net.backward(mse.evaluate(net.forward(x, true), t).gradient());
      sgd.step(net.parameters());
    }
    Sequence y = net.forward(x, false);
    double last = mse.value(y, t);
    assertTrue(last < 0.01 && last < first / 10, "loss went from " + first + " to " + last);
    for (int i = 0; i < 4; i++) {
      assertEquals(
          TARGETS[i],
          Math.round(y.get(0, i, 0)),
          "XOR of " + INPUTS[i][0] + ", " + INPUTS[i][1] + " predicted " + y.get(0, i, 0));
    }
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  private static void assertArray(double[] expected, Parameter p) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], p.grad().data[i], 1e-14, p.name() + "[" + i + "]");
    }
  }
}
