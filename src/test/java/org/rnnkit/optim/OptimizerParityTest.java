package org.rnnkit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnnkit.loss.Loss;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.reference.ReferenceCases;
import org.rnnkit.reference.ReferenceCases.Case;

/**
 * Every {@code kind: optimizer} case from PyTorch: a recurrent module with a {@code Linear(H, 1)}
 * head at every step, trained a few steps with the case's optimizer and clipping, must reproduce
 * the loss and the gradient norm before each step and every parameter after it, to 1e-9.
 */
class OptimizerParityTest {
  private static final double TOLERANCE = 1e-9;

  @TestFactory
  Stream<DynamicTest> everyOptimizerCaseMatchesPytorch() {
    List<Case> cases = ReferenceCases.ofKind("optimizer");
    assertFalse(cases.isEmpty(), "no optimizer cases found in the test resources");
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c.json())));
  }

  private static void check(JsonObject json) {
    SequenceModel model = model(json);
    JsonObject initial = json.getAsJsonObject("initial_params");
    assertEquals(initial.size(), model.parameters().size(), "parameter count");
    for (String name : initial.keySet()) {
      model.parameter(name).set(ReferenceCases.flat(initial.get(name)));
    }
    Optimizer optimizer =
        PytorchOptimizers.create(
            json.get("optimizer").getAsString(), json.getAsJsonObject("optimizer_args"));
    GradientClipping clipping = clipping(json.get("clip"));
    Sequence x = ReferenceCases.sequence(json.get("input"));
    Sequence target = ReferenceCases.sequence(json.get("target"));
    Loss loss = new MeanSquaredError();

    for (JsonElement entry : json.getAsJsonArray("trajectory")) {
      JsonObject step = entry.getAsJsonObject();
      String at = "step " + step.get("step").getAsInt() + ": ";
      model.zeroGrad();
      Loss.Evaluation e = loss.evaluate(model.forward(x, true), target);
      assertClose(at + "loss_before_step", step.get("loss_before_step").getAsDouble(), e.value());
      model.backward(e.gradient());
      List<Parameter> parameters = model.parameters();
      double norm =
          clipping == null ? GradientClipping.globalNorm(parameters) : clipping.apply(parameters);
      assertClose(
          at + "grad_norm_before_clip", step.get("grad_norm_before_clip").getAsDouble(), norm);
      optimizer.step(parameters);
      JsonObject after = step.getAsJsonObject("params_after_step");
      assertEquals(after.size(), parameters.size(), at + "parameter count");
      for (Parameter p : parameters) {
        double[] expected = ReferenceCases.flat(after.get(p.name()));
        assertEquals(expected.length, p.size(), at + p.name() + " element count");
        for (int i = 0; i < expected.length; i++) {
          assertClose(at + p.name() + "[" + i + "]", expected[i], p.value().data[i]);
        }
      }
    }
  }

  /** The case's recurrent module followed by {@code Dense("head", H, 1)} at every step. */
  private static SequenceModel model(JsonObject json) {
    String module = json.get("module").getAsString();
    CellType cell =
        switch (module) {
          case "LSTM" -> CellType.LSTM;
          case "GRU" -> CellType.GRU;
          case "RNN" ->
              CellType.parse(
                  "rnn_"
                      + (json.has("nonlinearity")
                          ? json.get("nonlinearity").getAsString()
                          : "tanh"));
          default -> throw new IllegalArgumentException("unknown module " + module);
        };
    int hidden = json.get("hidden_size").getAsInt();
    Random rng = new Random(0);
    return new SequenceModel(
        new RecurrentStack(
            new RecurrentStack.Config(cell, json.get("input_size").getAsInt(), hidden), rng),
        new Dense("head", hidden, 1, Activation.IDENTITY, rng));
  }

  /** {@code clip: {by: norm|value, max}}, or null for none. */
  private static GradientClipping clipping(JsonElement clip) {
    if (clip == null || clip.isJsonNull()) {
      return null;
    }
    JsonObject c = clip.getAsJsonObject();
    double max = c.get("max").getAsDouble();
    return switch (c.get("by").getAsString()) {
      case "norm" -> GradientClipping.byNorm(max);
      case "value" -> GradientClipping.byValue(max);
      default -> throw new IllegalArgumentException("unknown clipping " + c);
    };
  }

  /** Agreement to 1e-9, absolute for small values and relative for large ones. */
  private static void assertClose(String what, double expected, double actual) {
    double tol = TOLERANCE * Math.max(1, Math.abs(expected));
    if (!(Math.abs(expected - actual) <= tol)) {
      throw new AssertionError(
          "%s: PyTorch %s, rnnkit %s (difference %.3g)"
              .formatted(what, expected, actual, Math.abs(expected - actual)));
    }
  }
}
