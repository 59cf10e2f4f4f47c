package org.rnnkit.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;
import org.junit.jupiter.api.Test;

/** Each MFCC step against an independent computation or a known value. */
class MfccTest {
  private static final Mfcc MFCC = new Mfcc(MfccConfig.defaults());

  /** Index of the largest value. */
  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      best = v[i] > v[best] ? i : best;
    }
    return best;
  }

  @Test
  void htkMelScaleHasItsKnownValues() {
    // 1000 Hz is about 1000 mel on HTK's scale; 700 Hz is 1127 ln 2
    assertEquals(1000.0, MelFilterbank.mel(1000), 0.01);
    assertEquals(1127 * Math.log(2), MelFilterbank.mel(700), 1e-12);
    assertEquals(2500.0, MelFilterbank.hz(MelFilterbank.mel(2500)), 1e-9);
  }

  @Test
  void aPureToneHasItsEnergyInTheBandCentredNearest() {
    MelFilterbank bank = MFCC.filterbank();
    for (double hz : new double[] {300, 1000, 2200, 3300}) {
      double[][] logMel = MFCC.logMel(TestWavs.tone(hz, 0.5, 0.2, 8000));
      // the band whose centre is nearest the tone in mel, found from the centres alone
      int nearest = 0;
      for (int m = 1; m < bank.bands(); m++) {
        if (Math.abs(MelFilterbank.mel(bank.centreHz(m)) - MelFilterbank.mel(hz))
            < Math.abs(MelFilterbank.mel(bank.centreHz(nearest)) - MelFilterbank.mel(hz))) {
          nearest = m;
        }
      }
      assertEquals(nearest, argmax(logMel[logMel.length / 2]), hz + " Hz");
    }
  }

  @Test
  void dctMatchesAnFftOfTheMirroredSequence() {
    // DCT-II via the DFT of [m, reversed m]: X[i] = 2 e^{i pi i / 2M} C[i], with C the plain sum
    double[] m = {0.3, -1.2, 2.5, 0.7, -0.4, 1.1, 0.0, -2.2};
    int n = m.length;
    double[] mirrored = new double[2 * n];
    for (int j = 0; j < n; j++) {
      mirrored[j] = m[j];
      mirrored[2 * n - 1 - j] = m[j];
    }
    Complex[] x =
        new FastFourierTransformer(DftNormalization.STANDARD)
            .transform(mirrored, TransformType.FORWARD);
    double[] c = FeatureSteps.dct(new double[][] {m}, n)[0];
    for (int i = 0; i < n; i++) {
      Complex shift =
          new Complex(Math.cos(Math.PI * i / (2 * n)), -Math.sin(Math.PI * i / (2 * n)));
      double plain = x[i].multiply(shift).getReal() / 2;
      assertEquals(Math.sqrt(2.0 / n) * plain, c[i], 1e-12, "c" + i);
    }
  }

  @Test
  void powerSpectrumMatchesParseval() {
    double[] frame = TestWavs.tone(1000, 0.5, 0.025, 8000);
    int size = FeatureSteps.fftSize(frame.length);
    assertEquals(256, size);
    double[] p = FeatureSteps.powerSpectrum(frame, size);
    // sum |x|^2 = (1/N) sum_k |X[k]|^2 over all N bins; bins 1..N/2-1 appear twice
    double energy = 0;
    for (double v : frame) {
      energy += v * v;
    }
    double spectral = p[0] + p[size / 2];
    for (int k = 1; k < size / 2; k++) {
      spectral += 2 * p[k];
    }
    assertEquals(energy, spectral / size, 1e-10);
    assertEquals(Math.round(1000.0 * size / 8000), argmax(p));
  }

  @Test
  void framesPreEmphasisAndDeltasFollowTheirFormulas() {
    assertEquals(98, FeatureSteps.frameCount(8000, 200, 80));
    assertEquals(1, FeatureSteps.frameCount(50, 200, 80));
    double[] y = FeatureSteps.preEmphasis(new double[] {1, 2, 4}, 0.5);
    assertEquals("[1.0, 1.5, 3.0]", java.util.Arrays.toString(y));
    // deltas of a ramp are its slope away from the edges
    double[][] ramp = new double[10][1];
    for (int t = 0; t < 10; t++) {
      ramp[t][0] = 3 * t;
    }
    double[][] d = FeatureSteps.deltas(ramp, 2);
    for (int t = 2; t < 8; t++) {
      assertEquals(3, d[t][0], 1e-12);
    }
    // at the edge the first frame repeats: (1*(3-0) + 2*(6-0)) / 10
    assertEquals(1.5, d[0][0], 1e-12);
  }

  @Test
  void cmvnGivesZeroMeanUnitVariance() {
    double[][] x = {{1, 10}, {2, 10}, {6, 10}};
    double[][] y = FeatureSteps.cmvn(x);
    double mean = (y[0][0] + y[1][0] + y[2][0]) / 3;
    double var = (y[0][0] * y[0][0] + y[1][0] * y[1][0] + y[2][0] * y[2][0]) / 3 - mean * mean;
    assertEquals(0, mean, 1e-12);
    assertEquals(1, var, 1e-12);
    // a constant feature becomes 0, not NaN
    assertEquals(0, y[1][1]);
  }

  @Test
  void silenceClippingAndVeryShortRecordingsStayFinite() {
    double[][] silence = MFCC.features(new Audio(new double[4000], 8000));
    assertEquals(48, silence.length);
    assertAllFinite(silence);
    assertEquals(0, silence[10][0]);

    // a 1 kHz tone clipped at a third of its amplitude: still finite, still loudest near 1 kHz
    double[] clipped = TestWavs.tone(1000, 3, 0.2, 8000);
    for (int i = 0; i < clipped.length; i++) {
      clipped[i] = Math.max(-1, Math.min(1, clipped[i]));
    }
    assertAllFinite(MFCC.features(new Audio(clipped, 8000)));
    double[][] logMel = MFCC.logMel(clipped);
    double centre = MFCC.filterbank().centreHz(argmax(logMel[5]));
    assertTrue(Math.abs(centre - 1000) < 150, "loudest band at " + centre + " Hz");

    double[][] tiny = MFCC.features(new Audio(TestWavs.tone(500, 0.5, 0.005, 8000), 8000));
    assertEquals(1, tiny.length);
    assertEquals(39, tiny[0].length);
    assertAllFinite(tiny);
  }

  @Test
  void otherRatesAreResampledFirst() {
    double[][] at8 = MFCC.features(new Audio(TestWavs.tone(700, 0.5, 0.3, 8000), 8000));
    double[][] at16 = MFCC.features(new Audio(TestWavs.tone(700, 0.5, 0.3, 16000), 16000));
    assertEquals(at8.length, at16.length);
    for (int t = 5; t < at8.length - 5; t++) {
      assertEquals(at8[t][1], at16[t][1], 0.05, "frame " + t);
    }
  }

  private static void assertAllFinite(double[][] x) {
    for (double[] row : x) {
      for (double v : row) {
        assertTrue(Double.isFinite(v), "non-finite feature " + v);
      }
    }
  }
}
