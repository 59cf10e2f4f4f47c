package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

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
}
