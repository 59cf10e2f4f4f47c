package org.rnnkit.optim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnnkit.nn.Parameter;
import org.rnnkit.reference.ReferenceCases;

/**
 * Every option path of every optimizer against {@code torch.optim} on fixed gradients (resource
 * {@code optim/update_rules.json}, written by {@code generate_update_rules.py} next to it with
 * PyTorch 1.13): momentum, dampening, Nesterov, weight decay, amsgrad, centered, lr_decay, the
 * initial accumulator, and learning rates changed between steps. Each case also runs through a
 * checkpoint: two steps, {@link Optimizer#state()}, a fresh optimizer that {@link
 * Optimizer#loadState loads} it, two more steps, and must land on the same numbers.
 */
class UpdateRuleParityTest {
  private static final double TOLERANCE = 1e-12;
  private static final JsonObject RULES = load();

  @TestFactory
  Stream<DynamicTest> everyUpdateRuleMatchesPytorch() {
    return cases().map(c -> DynamicTest.dynamicTest(name(c), () -> run(c, false)));
  }

  @TestFactory
  Stream<DynamicTest> savedAndLoadedStateContinuesExactly() {
    return cases().map(c -> DynamicTest.dynamicTest(name(c), () -> run(c, true)));
  }

  private static void run(JsonObject c, boolean checkpointAfterTwo) {
    List<Parameter> parameters = parameters();
    Optimizer optimizer = optimizer(c);
    JsonArray gradients = RULES.getAsJsonArray("gradients");
    JsonArray after = c.getAsJsonArray("after");
    for (int k = 0; k < gradients.size(); k++) {
      if (checkpointAfterTwo && k == 2) {
        OptimizerState saved = optimizer.state();
        double lr = optimizer.learningRate();
        optimizer = optimizer(c);
        optimizer.setLearningRate(lr);
        optimizer.loadState(saved);
      }
      if (c.has("lr_per_step")) {
        optimizer.setLearningRate(c.getAsJsonArray("lr_per_step").get(k).getAsDouble());
      }
      JsonObject g = gradients.get(k).getAsJsonObject();
      for (Parameter p : parameters) {
        System.arraycopy(ReferenceCases.flat(g.get(p.name())), 0, p.grad().data, 0, p.size());
      }
      optimizer.step(parameters);
      JsonObject expected = after.get(k).getAsJsonObject();
      for (Parameter p : parameters) {
        double[] want = ReferenceCases.flat(expected.get(p.name()));
        for (int i = 0; i < want.length; i++) {
          double got = p.value().data[i];
          if (!(Math.abs(want[i] - got) <= TOLERANCE * Math.max(1, Math.abs(want[i])))) {
            throw new AssertionError(
                "%s step %d, %s[%d]: PyTorch %s, rnnkit %s"
                    .formatted(name(c), k + 1, p.name(), i, want[i], got));
          }
        }
      }
    }
  }

  private static Optimizer optimizer(JsonObject c) {
    return PytorchOptimizers.create(
        c.get("optimizer").getAsString(), c.getAsJsonObject("optimizer_args"));
  }

  /** "a" (2x2) and "b" (1x3) at the case file's initial values. */
  private static List<Parameter> parameters() {
    JsonObject initial = RULES.getAsJsonObject("initial");
    List<Parameter> list = new ArrayList<>();
    for (String name : List.of("a", "b")) {
      JsonArray rows = initial.getAsJsonArray(name);
      Parameter p = new Parameter(name, rows.size(), rows.get(0).getAsJsonArray().size());
      p.set(ReferenceCases.flat(rows));
      list.add(p);
    }
    return list;
  }

  private static Stream<JsonObject> cases() {
    List<JsonObject> list = new ArrayList<>();
    for (JsonElement e : RULES.getAsJsonArray("cases")) {
      list.add(e.getAsJsonObject());
    }
    return list.stream();
  }

  private static String name(JsonObject c) {
    return c.get("name").getAsString();
  }

  private static JsonObject load() {
    try (InputStream in =
        UpdateRuleParityTest.class.getResourceAsStream("/optim/update_rules.json")) {
      if (in == null) {
        throw new IllegalStateException("test resources lack optim/update_rules.json");
      }
      return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
