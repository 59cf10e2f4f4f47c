package org.rnnkit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnkit.optim.ReduceLROnPlateau.Mode;
import org.rnnkit.optim.ReduceLROnPlateau.ThresholdMode;

/** Schedules against values worked out by hand from PyTorch's formulas. */
class ScheduleTest {
  private static final double EXACT = 1e-15;

  @Test
  void stepLrHalvesEveryThreeEpochs() {
    // lr(e) = 0.1 * 0.5^floor(e / 3)
    Sgd sgd = new Sgd(0.1);
    StepLR schedule = new StepLR(sgd, 3, 0.5);
    double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025};
    assertEquals(0.1, sgd.learningRate());
    for (int e = 1; e < expected.length; e++) {
      schedule.step();
      assertEquals(e, schedule.epoch());
      assertEquals(expected[e], sgd.learningRate(), EXACT, "epoch " + e);
    }
    assertEquals(0.1 * 0.1, new StepLR(new Sgd(0.1), 2).learningRate(2), EXACT);
  }

  @Test
  void exponentialLrMultipliesByGammaEachEpoch() {
    // lr(3) = 1 * 0.9^3 = 0.729
    Sgd sgd = new Sgd(1);
    ExponentialLR schedule = new ExponentialLR(sgd, 0.9);
    schedule.step();
    schedule.step();
    schedule.step();
    assertEquals(0.729, sgd.learningRate(), EXACT);
    assertEquals(1, schedule.learningRate(0));
  }

  @Test
  void cosineAnnealingAtKnownEpochs() {
    // lr(e) = (0.1 / 2) * (1 + cos(pi * e / 10))
    CosineAnnealingLR cosine = new CosineAnnealingLR(new Sgd(0.1), 10);
    assertEquals(0.1, cosine.learningRate(0), EXACT);
    assertEquals(0.05, cosine.learningRate(5), EXACT);
    assertEquals(0, cosine.learningRate(10), EXACT);
    assertEquals(0.05, cosine.learningRate(15), EXACT); // past tMax it rises again
    assertEquals(0.1, cosine.learningRate(20), EXACT);
    // tMax 3: cos(pi/3) = 1/2 gives 0.075; cos(2 pi/3) = -1/2 gives 0.025
    CosineAnnealingLR thirds = new CosineAnnealingLR(new Sgd(0.1), 3);
    assertEquals(0.075, thirds.learningRate(1), EXACT);
    assertEquals(0.025, thirds.learningRate(2), EXACT);
    // etaMin 0.01: lr(5) = 0.01 + 0.09 / 2
    assertEquals(0.055, new CosineAnnealingLR(new Sgd(0.1), 10, 0.01).learningRate(5), EXACT);
  }

  @Test
  void cosineAnnealingStepSetsTheOptimizersRate() {
    Adam adam = new Adam(Adam.Config.defaults().withLearningRate(0.1));
    CosineAnnealingLR cosine = new CosineAnnealingLR(adam, 3);
    cosine.step();
    assertEquals(0.075, adam.learningRate(), EXACT);
    cosine.step();
    cosine.step();
    assertEquals(0, adam.learningRate(), EXACT);
  }

  @Test
  void plateauWaitsPatienceEpochsThenReduces() {
    Sgd sgd = new Sgd(1);
    ReduceLROnPlateau plateau =
        new ReduceLROnPlateau(
            sgd, ReduceLROnPlateau.Config.defaults().withPatience(2).withFactor(0.5));
    // 9.9995 is not below 10 * (1 - 1e-4) = 9.999, so it is a bad epoch
    double[] metrics = {10, 10, 9.9995, 10, 5, 6, 6, 6};
    double[] rates = {1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25};
    for (int e = 0; e < metrics.length; e++) {
      boolean reduced = plateau.step(metrics[e]);
      assertEquals(rates[e], sgd.learningRate(), EXACT, "epoch " + (e + 1));
      assertEquals(e == 3 || e == 7, reduced, "epoch " + (e + 1));
    }
    assertEquals(5, plateau.best());
    assertEquals(0, plateau.badEpochs());
  }

  @Test
  void plateauIgnoresBadEpochsDuringCooldown() {
    Sgd sgd = new Sgd(1);
    ReduceLROnPlateau plateau =
        new ReduceLROnPlateau(
            sgd, ReduceLROnPlateau.Config.defaults().withPatience(0).withCooldown(2));
    double[] rates = {1, 0.1, 0.1, 0.1, 0.01};
    double[] metrics = {1, 2, 2, 2, 2};
    for (int e = 0; e < metrics.length; e++) {
      plateau.step(metrics[e]);
      assertEquals(rates[e], sgd.learningRate(), EXACT, "epoch " + (e + 1));
    }
  }

  @Test
  void plateauInMaxModeWithAnAbsoluteThreshold() {
    Sgd sgd = new Sgd(1);
    ReduceLROnPlateau plateau =
        new ReduceLROnPlateau(
            sgd,
            ReduceLROnPlateau.Config.defaults()
                .withMode(Mode.MAX)
                .withThreshold(0.5, ThresholdMode.ABSOLUTE)
                .withPatience(0));
    plateau.step(0.5);
    plateau.step(0.9); // not above 0.5 + 0.5
    assertEquals(0.1, sgd.learningRate(), EXACT);
    plateau.step(1.1);
    assertEquals(1.1, plateau.best());
    assertEquals(0.1, sgd.learningRate(), EXACT);
  }

  @Test
  void plateauStopsAtMinLrAndSkipsChangesBelowEps() {
    Sgd sgd = new Sgd(0.1);
    ReduceLROnPlateau plateau =
        new ReduceLROnPlateau(
            sgd, ReduceLROnPlateau.Config.defaults().withPatience(0).withMinLr(0.05));
    plateau.step(1);
    assertTrue(plateau.step(1));
    assertEquals(0.05, sgd.learningRate());
    assertFalse(plateau.step(1));
    assertEquals(0.05, sgd.learningRate());

    // 1e-8 -> 1e-9 changes the rate by 9e-9, not more than eps = 1e-8
    Sgd tiny = new Sgd(1e-8);
    ReduceLROnPlateau small =
        new ReduceLROnPlateau(tiny, ReduceLROnPlateau.Config.defaults().withPatience(0));
    small.step(1);
    assertFalse(small.step(1));
    assertEquals(1e-8, tiny.learningRate());
  }

  @Test
  void plateauRejectsNanMetric() {
    ReduceLROnPlateau plateau = new ReduceLROnPlateau(new Sgd(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> plateau.step(Double.NaN));
    assertEquals(
        "ReduceLROnPlateau got a NaN metric at epoch 1; training has diverged, restore the last"
            + " good parameters or lower the learning rate",
        e.getMessage());
  }

  @Test
  void schedulesRejectBadArguments() {
    Sgd sgd = new Sgd(0.1);
    assertMessage(
        "StepLR step size must be at least 1, got 0; it counts epochs between decays",
        () -> new StepLR(sgd, 0));
    assertMessage(
        "StepLR gamma must be a finite number > 0, got -0.5; PyTorch's default is 0.1",
        () -> new StepLR(sgd, 3, -0.5));
    assertMessage(
        "ExponentialLR gamma must be a finite number > 0, got 0.0; values of 0.9 to 0.99 are usual",
        () -> new ExponentialLR(sgd, 0));
    assertMessage(
        "CosineAnnealingLR tMax must be at least 1, got 0; it is the number of epochs of one"
            + " annealing",
        () -> new CosineAnnealingLR(sgd, 0));
    assertMessage(
        "CosineAnnealingLR etaMin must be a finite number >= 0, got -1.0; PyTorch's default is 0",
        () -> new CosineAnnealingLR(sgd, 10, -1));
    assertMessage(
        "ReduceLROnPlateau factor must be in [0, 1), got 1.0; PyTorch's default is 0.1",
        () -> ReduceLROnPlateau.Config.defaults().withFactor(1));
    assertMessage(
        "ReduceLROnPlateau patience must be at least 0, got -1; PyTorch's default is 10",
        () -> ReduceLROnPlateau.Config.defaults().withPatience(-1));
    assertMessage("epoch must be at least 0, got -1", () -> new StepLR(sgd, 1).learningRate(-1));
  }

  static void assertMessage(String expected, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertEquals(expected, e.getMessage());
  }
}
