package org.rnnkit.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The builder starts from the documented defaults, sets each field alone and checks them. */
class BudgetTest {

  @Test
  void theBuilderStartsFromTheDocumentedDefaultsAndSetsEachField() {
    assertEquals(new Budget(2000, 32, 0.005, 1, 32, 100, 500, 0), Budget.defaults());
    Budget changed =
        Budget.builder()
            .updates(50)
            .batchSize(4)
            .learningRate(0.1)
            .clipNorm(0)
            .hiddenSize(8)
            .distinctBatches(5)
            .testSize(20)
            .recurrentDropout(0.25)
            .build();
    assertEquals(new Budget(50, 4, 0.1, 0, 8, 5, 20, 0.25), changed);
    assertEquals(changed, changed.toBuilder().build());
  }

  @Test
  void anOutOfRangeSettingIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Budget.builder().hiddenSize(0).build());
    assertThrows(
        IllegalArgumentException.class, () -> Budget.builder().recurrentDropout(1).build());
  }
}
