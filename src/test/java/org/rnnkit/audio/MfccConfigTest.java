package org.rnnkit.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The builder starts from the documented defaults, sets each field alone and checks them. */
class MfccConfigTest {

  @Test
  void theBuilderStartsFromTheDocumentedDefaultsAndSetsEachField() {
    assertEquals(
        new MfccConfig(8000, 0.025, 0.010, 0.97, 23, 20, 0, 13, 2, true), MfccConfig.defaults());
    MfccConfig changed =
        MfccConfig.builder()
            .sampleRate(16000)
            .windowSeconds(0.02)
            .hopSeconds(0.005)
            .preEmphasis(0)
            .melBands(40)
            .lowHz(60)
            .highHz(7600)
            .coefficients(20)
            .deltaOrder(1)
            .cmvn(false)
            .build();
    assertEquals(new MfccConfig(16000, 0.02, 0.005, 0, 40, 60, 7600, 20, 1, false), changed);
    assertEquals(changed, changed.toBuilder().build());
  }

  @Test
  void aFilterbankOutsideZeroToNyquistIsRefused() {
    var above =
        assertThrows(
            IllegalArgumentException.class, () -> MfccConfig.builder().highHz(5000).build());
    assertTrue(above.getMessage().contains("highHz <= 4000.0"), above.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MfccConfig.builder().lowHz(4000).build());
    assertThrows(
        IllegalArgumentException.class, () -> MfccConfig.builder().lowHz(300).highHz(200).build());
  }
}
