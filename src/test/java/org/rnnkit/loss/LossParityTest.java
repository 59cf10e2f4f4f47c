package org.rnnkit.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnkit.nn.Sequence;
import org.rnnkit.reference.ReferenceCases;
import org.rnnkit.reference.ReferenceCases.Case;

/** The elementwise losses against PyTorch's (reference/pytorch/loss_*.json, kind "loss"). */
class LossParityTest {
  private static final double TOLERANCE = 1e-12;

  static List<Case> cases() {
    return ReferenceCases.ofKind("loss");
  }

  @org.junit.jupiter.api.Test
  void everyLossHasACase() {
    List<String> losses = cases().stream().map(c -> c.json().get("loss").getAsString()).toList();
    for (String name : List.of("MSELoss", "L1Loss", "HuberLoss")) {
      assertFalse(losses.stream().noneMatch(name::equals), "no reference case for " + name);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void valueAndGradientMatchPytorch(Case c) {
    var json = c.json();
    Sequence prediction = ReferenceCases.sequence(json.get("prediction"));
    Sequence target = ReferenceCases.sequence(json.get("target"));
    Loss.Evaluation e = loss(json).evaluate(prediction, target);
    assertEquals(json.get("value").getAsDouble(), e.value(), TOLERANCE, c.name() + " value");
    double[] expected = ReferenceCases.sequence(json.get("grad")).values().data;
    double[] actual = e.gradient().values().data;
    assertEquals(expected.length, actual.length, c.name() + " gradient size");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOLERANCE, c.name() + " gradient " + i);
    }
  }

  private static Loss loss(com.google.gson.JsonObject json) {
    return switch (json.get("loss").getAsString()) {
      case "MSELoss" -> new MeanSquaredError();
      case "L1Loss" -> new MeanAbsoluteError();
      case "HuberLoss" -> new HuberLoss(json.getAsJsonObject("args").get("delta").getAsDouble());
      default -> throw new IllegalArgumentException("unknown loss " + json.get("loss"));
    };
  }
}
