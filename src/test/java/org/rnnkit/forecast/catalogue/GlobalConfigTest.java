package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnkit.loss.HuberLoss;
import org.rnnkit.loss.MeanAbsoluteError;

class GlobalConfigTest {

  @Test
  void theDefaultWindowIsASeasonOrFourHorizons() {
    GlobalConfig c = GlobalConfig.defaults();
    assertEquals(52, c.windowFor(1, 13), "M4 weekly: 4 x 13");
    assertEquals(72, c.windowFor(12, 18), "monthly: 4 x 18");
    assertEquals(52, c.windowFor(52, 13), "dated weekly: 4 x 13 = 52");
    assertEquals(24, c.windowFor(24, 2), "hourly, 2 steps ahead: a season");
    assertEquals(24, c.windowFor(1, 6), "yearly");
    assertEquals(8, c.windowFor(1, 1), "at least 8");
    assertEquals(30, c.toBuilder().window(30).build().windowFor(12, 18), "a window given is kept");
  }

  @Test
  void lossesAreNamedAsOnTheCommandLine() {
    assertEquals(GlobalConfig.TrainingLoss.HUBER, GlobalConfig.TrainingLoss.parse(" Huber"));
    assertEquals("mae", GlobalConfig.TrainingLoss.MAE.toString());
    assertInstanceOf(MeanAbsoluteError.class, GlobalConfig.TrainingLoss.MAE.create());
    assertEquals(1.0, ((HuberLoss) GlobalConfig.TrainingLoss.HUBER.create()).delta());
    var e =
        assertThrows(IllegalArgumentException.class, () -> GlobalConfig.TrainingLoss.parse("l2"));
    assertTrue(e.getMessage().contains("mse, mae or huber, got 'l2'"), e.getMessage());
  }
}
