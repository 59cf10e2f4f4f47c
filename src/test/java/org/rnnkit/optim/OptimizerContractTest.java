package org.rnnkit.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rnnkit.optim.ScheduleTest.assertMessage;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rnnkit.nn.Parameter;

/** Hyperparameter checks, the learning-rate setter and the state contract of {@link Optimizer}. */
class OptimizerContractTest {

  private static Parameter parameter(String name, double... gradient) {
    Parameter p = new Parameter(name, 1, gradient.length);
    System.arraycopy(gradient, 0, p.grad().data, 0, gradient.length);
    return p;
  }

  @Test
  void defaultsAreTorchDefaults() {
    assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-8, 0, false), Adam.Config.defaults());
    assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-8, 0.01, false), AdamW.defaults());
    assertEquals(new RmsProp.Config(1e-2, 0.99, 1e-8, 0, 0, false), RmsProp.Config.defaults());
    assertEquals(new Adagrad.Config(1e-2, 0, 0, 0, 1e-10), Adagrad.Config.defaults());
    assertEquals(new Sgd.Config(0.5, 0, 0, false, 0), Sgd.Config.of(0.5));
  }

  @Test
  void badHyperparametersAreRejectedWithTheFix() {
    assertMessage(
        "SGD learning rate must be a finite number >= 0, got -0.1; typical values are 0.01 to 0.1",
        () -> new Sgd(-0.1));
    assertMessage(
        "SGD momentum must be a finite number >= 0, got NaN; use 0 for none or about 0.9",
        () -> Sgd.Config.of(0.1).withMomentum(Double.NaN));
    assertMessage(
        "Nesterov momentum needs momentum > 0 and dampening 0, got momentum 0.0 and dampening 0.0;"
            + " set momentum (e.g. 0.9) and leave dampening at 0, or turn Nesterov off",
        () -> new Sgd(Sgd.Config.of(0.1).withNesterov(true)));
    assertMessage(
        "Nesterov momentum needs momentum > 0 and dampening 0, got momentum 0.9 and dampening 0.1;"
            + " set momentum (e.g. 0.9) and leave dampening at 0, or turn Nesterov off",
        () -> new Sgd(Sgd.Config.of(0.1).withMomentum(0.9).withDampening(0.1).withNesterov(true)));
    assertMessage(
        "Adam beta1 must be in [0, 1), got 1.0; PyTorch's default is 0.9",
        () -> Adam.Config.defaults().withBetas(1, 0.999));
    assertMessage(
        "Adam beta2 must be in [0, 1), got -0.5; PyTorch's default is 0.999",
        () -> AdamW.defaults().withBetas(0.9, -0.5));
    assertMessage(
        "Adam eps must be a finite number >= 0, got -1.0E-8; PyTorch's default is 1e-8",
        () -> Adam.Config.defaults().withEps(-1e-8));
    assertMessage(
        "Adam weight decay must be a finite number >= 0, got Infinity; PyTorch's default is 0"
            + " (Adam) or 0.01 (AdamW)",
        () -> Adam.Config.defaults().withWeightDecay(Double.POSITIVE_INFINITY));
    assertMessage(
        "RMSprop alpha must be in [0, 1), got 1.0; PyTorch's default is 0.99",
        () -> RmsProp.Config.defaults().withAlpha(1));
    assertMessage(
        "RMSprop momentum must be a finite number >= 0, got -0.9; PyTorch's default is 0",
        () -> RmsProp.Config.defaults().withMomentum(-0.9));
    assertMessage(
        "Adagrad learning rate decay must be a finite number >= 0, got -1.0; PyTorch's default"
            + " is 0",
        () -> Adagrad.Config.defaults().withLearningRateDecay(-1));
    assertMessage(
        "Adagrad initial accumulator value must be a finite number >= 0, got -0.1; PyTorch's"
            + " default is 0",
        () -> Adagrad.Config.defaults().withInitialAccumulatorValue(-0.1));
  }

  @Test
  void learningRateCanBeChangedButNotMadeNegative() {
    Adam adam = new Adam();
    assertEquals(1e-3, adam.learningRate());
    adam.setLearningRate(0.5);
    assertEquals(0.5, adam.learningRate());
    assertEquals(1e-3, adam.config().learningRate(), "the config keeps the initial rate");
    assertMessage(
        "Adam learning rate must be a finite number >= 0, got -1.0; typical values are 1e-4 to 0.1",
        () -> adam.setLearningRate(-1));
  }

  @Test
  void stateIsKeyedByNameWithPytorchBufferNamesAndCountsSteps() {
    Parameter w = parameter("w", 1, 2);
    Parameter b = parameter("b", 3);
    Adam adam = new Adam(Adam.Config.defaults().withAmsgrad(true));
    assertEquals(OptimizerState.EMPTY, adam.state());
    adam.step(List.of(w, b));
    adam.step(List.of(w));
    OptimizerState state = adam.state();
    assertEquals(Set.of("w", "b"), state.parameterNames());
    assertEquals(2, state.parameter("w").step());
    assertEquals(1, state.parameter("b").step());
    assertEquals(
        List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq"),
        List.copyOf(state.parameter("w").bufferNames()));
    // after one step on g = 3: m = 0.1 * 3, v = 0.001 * 9
    assertArrayEquals(new double[] {0.3}, state.parameter("b").buffer("exp_avg"), 1e-15);
    assertArrayEquals(new double[] {0.009}, state.parameter("b").buffer("exp_avg_sq"), 1e-15);
    assertEquals(Set.of(), new Sgd(0.1).state().parameterNames());
  }

  @Test
  void stateIsACopy() {
    Parameter w = parameter("w", 1);
    Sgd sgd = new Sgd(Sgd.Config.of(0.1).withMomentum(0.9));
    sgd.step(List.of(w));
    OptimizerState before = sgd.state();
    double[] buffer = before.parameter("w").buffer("momentum_buffer");
    buffer[0] = 42;
    assertEquals(before, sgd.state(), "a buffer read out cannot change the state");
    sgd.step(List.of(w));
    assertNotEquals(before, sgd.state(), "later steps do not change a saved state");
  }

  @Test
  void loadStateRejectsBuffersOfAnotherOptimizer() {
    Parameter w = parameter("w", 1, 2);
    Adam adam = new Adam();
    adam.step(List.of(w));
    Adam amsgrad = new Adam(Adam.Config.defaults().withAmsgrad(true));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> amsgrad.loadState(adam.state()));
    assertEquals(
        "state for w has buffers [exp_avg, exp_avg_sq], but this Adam with "
            + amsgrad.config()
            + " keeps [exp_avg, exp_avg_sq, max_exp_avg_sq]; load a state saved by an optimizer"
            + " of the same kind and settings",
        e.getMessage());
  }

  @Test
  void loadedStateOfTheWrongSizeFailsAtTheNextStepBeforeAnyUpdate() {
    Parameter a = parameter("a", 1);
    Parameter w = parameter("w", 1, 2);
    Adagrad adagrad = new Adagrad();
    adagrad.loadState(
        new OptimizerState(
            Map.of("w", new ParameterState(4, Map.of("sum", new double[] {1, 2, 3})))));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> adagrad.step(List.of(a, w)));
    assertEquals(
        "Adagrad state for w has 3 values per buffer, but the parameter is 1x2 (2 values); the"
            + " loaded state belongs to another model",
        e.getMessage());
    assertArrayEquals(new double[] {0}, a.value().data, "no parameter moved");
    assertEquals(Set.of("w"), adagrad.state().parameterNames());
  }

  @Test
  void duplicateParameterNamesAreRejected() {
    Sgd sgd = new Sgd(0.1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> sgd.step(List.of(parameter("w", 1), parameter("w", 2))));
    assertEquals(
        "two parameters are named w; Sgd keys its state by name, so give each a distinct name",
        e.getMessage());
  }

  @Test
  void stepsDoNotModifyGradients() {
    Parameter w = parameter("w", 0.5, -2);
    for (Optimizer o :
        List.of(
            new Sgd(Sgd.Config.of(0.1).withMomentum(0.9).withWeightDecay(0.1)),
            new Adam(Adam.Config.defaults().withWeightDecay(0.1)),
            new AdamW(),
            new RmsProp(RmsProp.Config.defaults().withWeightDecay(0.1).withCentered(true)),
            new Adagrad(Adagrad.Config.defaults().withWeightDecay(0.1)))) {
      w.value().data[0] = 1;
      o.step(List.of(w));
      o.step(List.of(w));
      assertArrayEquals(new double[] {0.5, -2}, w.grad().data, o.toString());
    }
  }
}
