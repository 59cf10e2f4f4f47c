package org.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The builder starts from the documented defaults, sets each field alone and checks them. */
class TrainingConfigTest {

  @Test
  void theBuilderStartsFromTheDocumentedDefaultsAndSetsEachField() {
    assertEquals(
        new TrainingConfig(100, BatchMode.MINI_BATCH, 32, 0, 0, 0, 0, 0, 0, 0),
        TrainingConfig.defaults());
    TrainingConfig changed =
        TrainingConfig.builder()
            .epochs(7)
            .batchMode(BatchMode.ONLINE)
            .batchSize(3)
            .seed(11)
            .truncation(5)
            .clipNorm(0.5)
            .clipValue(0.25)
            .patience(4)
            .minDelta(1e-3)
            .minEpochs(2)
            .build();
    assertEquals(new TrainingConfig(7, BatchMode.ONLINE, 3, 11, 5, 0.5, 0.25, 4, 1e-3, 2), changed);
    assertEquals(changed, changed.toBuilder().build());
  }

  @Test
  void aMissingOrOutOfRangeSettingIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> TrainingConfig.builder().batchMode(null).build());
    assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().epochs(0).build());
  }
}
