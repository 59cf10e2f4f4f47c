package org.rnnkit.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.nn.GradientAssertions.assertGradient;
import static org.rnnkit.nn.GradientAssertions.assertLayerGradients;
import static org.rnnkit.nn.GradientAssertions.dot;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.reference.ReferenceCases;
import org.rnnkit.reference.ReferenceCases.Case;

/**
 * {@link BatchNorm} and {@link LayerNorm}: PyTorch parity (BatchNorm1d in training and eval mode,
 * LayerNorm) to 1e-9, finite-difference gradients in both modes, padding, running statistics.
 */
class NormalizationLayersTest {
  private static final double TOLERANCE = 1e-9;

  private static Case referenceCase(String name) {
    List<Case> cases =
        ReferenceCases.ofKind("layer").stream().filter(c -> c.name().equals(name)).toList();
    assertFalse(cases.isEmpty(), "no case " + name + " in the test resources");
    return cases.get(0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"batch_norm_train", "batch_norm_eval"})
  void batchNormMatchesTorchBatchNorm1d(String name) {
    JsonObject json = referenceCase(name).json();
    JsonObject args = json.getAsJsonObject("args");
    BatchNorm layer =
        new BatchNorm(
            "bn",
            args.get("num_features").getAsInt(),
            args.get("eps").getAsDouble(),
            args.get("momentum").getAsDouble(),
            true);
    JsonObject before = json.getAsJsonObject("buffers_before");
    layer.setRunningStatistics(
        ReferenceCases.flat(before.get("running_mean")),
        ReferenceCases.flat(before.get("running_var")),
        before.get("num_batches_tracked").getAsLong());
    boolean training = json.get("mode").getAsString().equals("train");
    // PyTorch's N x C input is B sequences of one step
    Sequence x = oneStep(ReferenceCases.flat(json.get("input")), layer.features());
    Sequence dout = oneStep(ReferenceCases.flat(json.get("dout")), layer.features());
    checkAgainst(json, layer, x, dout, training);
    JsonObject after = json.getAsJsonObject("buffers_after");
    assertClose(
        "running_mean", ReferenceCases.flat(after.get("running_mean")), layer.runningMean());
    assertClose(
        "running_var", ReferenceCases.flat(after.get("running_var")), layer.runningVariance());
    assertEquals(after.get("num_batches_tracked").getAsLong(), layer.batchesTracked());
  }

  @Test
  void layerNormMatchesTorchLayerNorm() {
    JsonObject json = referenceCase("layer_norm").json();
    JsonObject args = json.getAsJsonObject("args");
    LayerNorm layer =
        new LayerNorm(
            "ln", args.get("normalized_shape").getAsInt(), args.get("eps").getAsDouble(), true);
    Sequence x = ReferenceCases.sequence(json.get("input"));
    checkAgainst(json, layer, x, ReferenceCases.sequence(json.get("dout")), true);
  }

  private static void checkAgainst(
      JsonObject json, Layer layer, Sequence x, Sequence dout, boolean training) {
    JsonObject params = json.getAsJsonObject("params");
    layer.parameters().get(0).set(ReferenceCases.flat(params.get("weight")));
    layer.parameters().get(1).set(ReferenceCases.flat(params.get("bias")));
    Sequence y = layer.forward(x, training);
    Sequence expected =
        json.get("layer").getAsString().equals("LayerNorm")
            ? ReferenceCases.sequence(json.get("output"))
            : oneStep(ReferenceCases.flat(json.get("output")), x.features());
    assertClose("output", expected.values().data, y.values().data);
    assertEquals(json.get("loss").getAsDouble(), dot(y, dout), TOLERANCE);
    Sequence dx = layer.backward(dout);
    JsonObject grads = json.getAsJsonObject("grads");
    assertClose("grad weight", ReferenceCases.flat(grads.get("weight")), grad(layer, 0));
    assertClose("grad bias", ReferenceCases.flat(grads.get("bias")), grad(layer, 1));
    assertClose("grad input", ReferenceCases.flat(grads.get("input")), batchFirst(dx));
  }

  private static double[] grad(Layer layer, int i) {
    return layer.parameters().get(i).grad().data;
  }

  /** N rows of F values as N sequences of one step. */
  private static Sequence oneStep(double[] rows, int features) {
    Sequence s = new Sequence(1, rows.length / features, features);
    System.arraycopy(rows, 0, s.values().data, 0, rows.length);
    return s;
  }

  /** The values in PyTorch's batch-first order, B x T x F. */
  private static double[] batchFirst(Sequence s) {
    double[] out = new double[s.values().getNumElements()];
    int i = 0;
    for (int b = 0; b < s.batch(); b++) {
      for (int t = 0; t < s.steps(); t++) {
        for (int f = 0; f < s.features(); f++) {
          out[i++] = s.get(t, b, f);
        }
      }
    }
    return out;
  }

  private static void assertClose(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what + " size");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOLERANCE * Math.max(1, Math.abs(expected[i])), what);
    }
  }

  /** L = sum(y * R) in training mode, with gamma and beta moved off 1 and 0. */
  private static void assertTrainingGradients(Layer layer, Sequence x, long seed) {
    Random rng = new Random(seed);
    for (Parameter p : layer.parameters()) {
      for (int i = 0; i < p.size(); i++) {
        p.value().data[i] += 0.5 * rng.nextGaussian();
      }
    }
    Sequence r = randomSequence(x.steps(), x.batch(), x.features(), rng);
    layer.parameters().forEach(Parameter::zeroGrad);
    layer.forward(x, true);
    Sequence dx = layer.backward(r);
    for (Parameter p : layer.parameters()) {
      assertGradient(
          p.name(), () -> dot(layer.forward(x, true), r), p.value().data, p.grad().data.clone());
    }
    assertGradient(
        "input", () -> dot(layer.forward(x, true), r), x.values().data, dx.values().data.clone());
  }

  @ParameterizedTest(name = "T={0}, B={1}, F={2}")
  @CsvSource({"1, 2, 1", "1, 5, 3", "4, 3, 2", "1, 1, 4"})
  void gradientsMatchFiniteDifferences(int steps, int batch, int features) {
    Random rng = new Random(steps * 100 + batch * 10 + features);
    Sequence x = randomSequence(steps, batch, features, rng);
    if (steps * batch > 1) {
      assertTrainingGradients(new BatchNorm("bn", features), x, 1);
    }
    BatchNorm eval = new BatchNorm("bn", features);
    eval.setRunningStatistics(
        randomSequence(1, 1, features, rng).values().data,
        new double[features], // variance 0: the epsilon alone
        3);
    assertLayerGradients(eval, x, 2);
    assertTrainingGradients(new LayerNorm("ln", features), x, 3);
    assertLayerGradients(new LayerNorm("ln", features, 1e-3, false), x, 4);
    if (steps * batch > 1) {
      assertTrainingGradients(new BatchNorm("bn", features, 1e-5, 0.1, false), x, 5);
    }
  }

  @Test
  void paddedStepsAreLeftOutOfTheStatisticsAndOfTheGradient() {
    Random rng = new Random(7);
    Sequence x = randomSequence(3, 2, 2, rng).withLengths(new int[] {3, 1});
    BatchNorm bn = new BatchNorm("bn", 2);
    Sequence y = bn.forward(x, true);
    // the same four real rows alone, as a batch of one step
    Sequence real = new Sequence(1, 4, 2);
    int[][] rows = {{0, 0}, {0, 1}, {1, 0}, {2, 0}};
    for (int i = 0; i < 4; i++) {
      for (int f = 0; f < 2; f++) {
        real.set(0, i, f, x.get(rows[i][0], rows[i][1], f));
      }
    }
    BatchNorm alone = new BatchNorm("bn", 2);
    Sequence expected = alone.forward(real, true);
    for (int i = 0; i < 4; i++) {
      for (int f = 0; f < 2; f++) {
        assertEquals(expected.get(0, i, f), y.get(rows[i][0], rows[i][1], f), 1e-15);
      }
    }
    assertArrayEquals(alone.runningVariance(), bn.runningVariance(), 1e-15);
    assertEquals(0, y.get(1, 1, 0));
    assertEquals(0, y.get(2, 1, 1));
    assertTrainingGradients(new BatchNorm("bn", 2), x, 8);
    assertTrainingGradients(new LayerNorm("ln", 2), x, 9);
    Sequence dx = bn.backward(randomSequence(3, 2, 2, rng));
    assertEquals(0, dx.get(1, 1, 0));
    assertEquals(0, dx.get(2, 1, 1));
  }

  @Test
  void evalModeUsesTheRunningStatisticsAndLeavesThemAlone() {
    BatchNorm bn = new BatchNorm("bn", 1, 1e-5, 0.1, false);
    bn.setRunningStatistics(new double[] {2}, new double[] {4 - 1e-5}, 5);
    Sequence y = bn.forward(Sequence.fromBatchFirst(new double[][][] {{{6}}, {{0}}}), false);
    // (6 - 2) / 2 and (0 - 2) / 2
    assertEquals(2, y.get(0, 0, 0), 1e-12);
    assertEquals(-1, y.get(0, 1, 0), 1e-12);
    assertEquals(5, bn.batchesTracked());
    assertArrayEquals(new double[] {2}, bn.runningMean());
  }

  @Test
  void badInputIsNamed() {
    BatchNorm bn = new BatchNorm("bn", 3);
    String m =
        assertThrows(IllegalArgumentException.class, () -> bn.forward(new Sequence(1, 1, 3), true))
            .getMessage();
    assertTrue(m.contains("more than one value per feature"), m);
    m =
        assertThrows(IllegalArgumentException.class, () -> bn.forward(new Sequence(2, 2, 4), true))
            .getMessage();
    assertTrue(m.contains("expects 3 features"), m);
    m =
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm("bn", 3, 1e-5, 1.5, true))
            .getMessage();
    assertTrue(m.contains("momentum must be in [0, 1]"), m);
    m =
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm("ln", 3, 0, true))
            .getMessage();
    assertTrue(m.contains("epsilon must be positive"), m);
    assertThrows(IllegalStateException.class, () -> new LayerNorm("ln", 2).backward(null));
  }
}
