package org.rnnkit.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rnnkit.audio.MfccConfig;
import org.rnnkit.nn.cell.CellType;

/** The builder starts from the documented defaults, sets each field alone and checks them. */
class SpeechConfigTest {

  @Test
  void theBuilderStartsFromTheDocumentedDefaultsAndSetsEachField() {
    assertEquals(
        new SpeechConfig(
            Architecture.defaults(),
            MfccConfig.defaults(),
            Augmentation.defaults(),
            40,
            8,
            32,
            0.003,
            5,
            1),
        SpeechConfig.defaults());
    Architecture small = new Architecture(CellType.LSTM, 8, 2, false, Pooling.MEAN);
    MfccConfig mfcc = MfccConfig.builder().deltaOrder(0).build();
    SpeechConfig changed =
        SpeechConfig.builder()
            .architecture(small)
            .mfcc(mfcc)
            .augmentation(Augmentation.none())
            .epochs(3)
            .patience(1)
            .batchSize(4)
            .learningRate(0.01)
            .clipNorm(2)
            .seed(9)
            .build();
    assertEquals(new SpeechConfig(small, mfcc, Augmentation.none(), 3, 1, 4, 0.01, 2, 9), changed);
    assertEquals(changed, changed.toBuilder().build());
  }

  @Test
  void aMissingOrOutOfRangeSettingIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SpeechConfig.builder().mfcc(null).build());
    assertThrows(
        IllegalArgumentException.class, () -> SpeechConfig.builder().learningRate(0).build());
  }
}
