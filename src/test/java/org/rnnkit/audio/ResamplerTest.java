package org.rnnkit.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

  /** Root mean square over the middle half, away from the zero-padded edges. */
  private static double middleRms(double[] x) {
    double s = 0;
    int from = x.length / 4;
    int to = 3 * x.length / 4;
    for (int i = from; i < to; i++) {
      s += x[i] * x[i];
    }
    return Math.sqrt(s / (to - from));
  }

  @Test
  void aToneBelowTheNewNyquistKeepsItsShape() {
    double[] x = TestWavs.tone(1000, 0.8, 0.5, 44100);
    double[] y = Resampler.resample(x, 44100, 8000);
    assertEquals(4000, y.length);
    double[] expected = TestWavs.tone(1000, 0.8, 0.5, 8000);
    for (int n = 1000; n < 3000; n++) {
      assertEquals(expected[n], y[n], 2e-3, "sample " + n);
    }
  }

  @Test
  void aToneAboveTheNewNyquistIsRemovedNotAliased() {
    // 6 kHz would alias to 2 kHz at 8 kHz without the low-pass
    double[] x = TestWavs.tone(6000, 0.8, 0.5, 16000);
    double[] y = Resampler.resample(x, 16000, 8000);
    assertTrue(middleRms(y) < 1e-3 * middleRms(x), "rms " + middleRms(y));
  }

  @Test
  void upsamplingInterpolatesTheTone() {
    double[] x = TestWavs.tone(440, 0.5, 0.25, 8000);
    double[] y = Resampler.resample(x, 8000, 22050);
    double[] expected = TestWavs.tone(440, 0.5, 0.25, 22050);
    assertEquals(expected.length, y.length);
    for (int n = 1000; n < 4000; n++) {
      assertEquals(expected[n], y[n], 2e-3, "sample " + n);
    }
  }

  @Test
  void theTabulatedKernelMatchesTheFormula() {
    double[] x = new double[64];
    x[32] = 1;
    // an impulse resampled by an irrational-ish ratio reads the kernel between table points
    double ratio = 1 / 1.37;
    double[] y = Resampler.resample(x, 1, ratio);
    double cutoff = Resampler.ROLLOFF * ratio;
    for (int n = 0; n < y.length; n++) {
      double d = n / ratio - 32;
      double kernel =
          Math.abs(d) * cutoff >= Resampler.ZERO_CROSSINGS
              ? 0
              : cutoff
                  * Resampler.sinc(cutoff * d)
                  * Resampler.hann(d * cutoff / Resampler.ZERO_CROSSINGS);
      assertEquals(kernel, y[n], 1e-5, "sample " + n);
    }
  }

  @Test
  void badRatesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new double[4], 0, 8000));
    assertEquals(0, Resampler.resample(new double[0], 16000, 8000).length);
  }
}
