package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GlobalConfigTest {

  @Test
  void theDefaultWindowIsTwoSeasonsOrFourHorizons() {
    GlobalConfig c = GlobalConfig.defaults();
    assertEquals(52, c.windowFor(1, 13), "M4 weekly: 4 x 13");
    assertEquals(72, c.windowFor(12, 18), "monthly: 4 x 18 over 2 x 12");
    assertEquals(104, c.windowFor(52, 13), "dated weekly: 2 x 52 over 4 x 13");
    assertEquals(24, c.windowFor(1, 6), "yearly");
    assertEquals(8, c.windowFor(1, 1), "at least 8");
    assertEquals(30, c.toBuilder().window(30).build().windowFor(12, 18), "a window given is kept");
  }
}
