package org.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.nn.layer.State;
import org.rnnkit.reference.ReferenceCases;
import org.rnnkit.reference.ReferenceCases.Case;

/**
 * Every {@code kind: module} case from PyTorch: the same stack, loaded with the case's parameters
 * by name, must reproduce output, final states, the loss and every gradient to 1e-9 (LSTM with
 * {@code proj_size} included).
 */
class PytorchParityTest {
  private static final double TOLERANCE = 1e-9;

  @TestFactory
  Stream<DynamicTest> everyModuleCaseMatchesPytorch() {
    List<Case> cases = ReferenceCases.ofKind("module");
    assertFalse(cases.isEmpty(), "no module cases found in the test resources");
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c.json())));
  }

  private static void check(JsonObject json) {
    RecurrentStack stack = new RecurrentStack(config(json), new Random(0));
    JsonObject params = json.getAsJsonObject("params");
    assertEquals(params.size(), stack.parameters().size(), "parameter count");
    for (Parameter p : stack.parameters()) {
      assertTrue(params.has(p.name()), "PyTorch has no parameter " + p.name());
      p.set(ReferenceCases.flat(params.get(p.name())));
    }
    boolean lstm = stack.config().cell() == CellType.LSTM;
    int states = stack.config().layers() * stack.config().directions();
    Sequence x = ReferenceCases.sequence(json.get("input"));

    List<State> initial = null;
    if (json.get("initial_state_given").getAsBoolean()) {
      initial = new ArrayList<>();
      for (int k = 0; k < states; k++) {
        initial.add(
            new State(
                ReferenceCases.slice(json.get("h0"), k),
                lstm ? ReferenceCases.slice(json.get("c0"), k) : null));
      }
    }
    Sequence out = stack.forward(x, initial);
    assertClose("output", ReferenceCases.sequence(json.get("output")).values().data, out);
    List<State> fin = stack.finalStates();
    List<State> dFinal = new ArrayList<>();
    double loss = dot(out.values().data, ReferenceCases.sequence(json.get("dout")).values().data);
    for (int k = 0; k < states; k++) {
      DMatrixRMaj dh = ReferenceCases.slice(json.get("dh_n"), k);
      DMatrixRMaj dc = lstm ? ReferenceCases.slice(json.get("dc_n"), k) : null;
      assertClose(
          "h_n[" + k + "]",
          ReferenceCases.slice(json.get("h_n"), k).data,
          fin.get(k).hidden().data);
      loss += dot(fin.get(k).hidden().data, dh.data);
      if (lstm) {
        assertClose(
            "c_n[" + k + "]",
            ReferenceCases.slice(json.get("c_n"), k).data,
            fin.get(k).memory().data);
        loss += dot(fin.get(k).memory().data, dc.data);
      }
      dFinal.add(new State(dh, dc));
    }
    assertEquals(json.get("loss").getAsDouble(), loss, TOLERANCE * Math.max(1, Math.abs(loss)));

    Sequence dx = stack.backward(ReferenceCases.sequence(json.get("dout")), dFinal);
    JsonObject grads = json.getAsJsonObject("grads");
    for (Parameter p : stack.parameters()) {
      assertClose("grad " + p.name(), ReferenceCases.flat(grads.get(p.name())), p.grad().data);
    }
    assertClose("grad input", ReferenceCases.sequence(grads.get("input")).values().data, dx);
    if (grads.has("h0")) {
      for (int k = 0; k < states; k++) {
        State g = stack.initialStateGradients().get(k);
        assertClose(
            "grad h0[" + k + "]", ReferenceCases.slice(grads.get("h0"), k).data, g.hidden().data);
        if (lstm) {
          assertClose(
              "grad c0[" + k + "]", ReferenceCases.slice(grads.get("c0"), k).data, g.memory().data);
        }
      }
    }
  }

  private static RecurrentStack.Config config(JsonObject json) {
    String module = json.get("module").getAsString();
    CellType cell =
        switch (module) {
          case "LSTM" -> CellType.LSTM;
          case "GRU" -> CellType.GRU;
          case "RNN" -> CellType.parse("rnn_" + json.get("nonlinearity").getAsString());
          default -> throw new IllegalArgumentException("unknown module " + module);
        };
    return new RecurrentStack.Config(
        cell,
        json.get("input_size").getAsInt(),
        json.get("hidden_size").getAsInt(),
        json.get("num_layers").getAsInt(),
        json.get("bidirectional").getAsBoolean(),
        json.get("bias").getAsBoolean(),
        0,
        json.has("proj_size") ? json.get("proj_size").getAsInt() : 0,
        0);
  }

  private static double dot(double[] a, double[] b) {
    assertEquals(a.length, b.length);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void assertClose(String what, double[] expected, Sequence actual) {
    assertClose(what, expected, actual.values().data);
  }

  /** Agreement to 1e-9, absolute for small values and relative for large ones. */
  static void assertClose(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what + ": element count");
    for (int i = 0; i < expected.length; i++) {
      double tol = TOLERANCE * Math.max(1, Math.abs(expected[i]));
      if (Math.abs(expected[i] - actual[i]) > tol) {
        throw new AssertionError(
            "%s[%d]: PyTorch %s, rnnkit %s (difference %.3g)"
                .formatted(what, i, expected[i], actual[i], Math.abs(expected[i] - actual[i])));
      }
    }
  }
}
