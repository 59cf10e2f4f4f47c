package org.rnnkit.forecast.m4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnkit.forecast.Forecaster;

class M4BenchmarksTest {
  private static final double[] CYCLES = {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4};

  @Test
  void naive2PutsTheDetectedSeasonBackOnTheLastAdjustedValue() {
    // lag 4 is significant (see SeasonalityTest); indices 0.4 0.8 1.2 1.6, every adjusted value
    // 2.5, so Naive2 repeats the cycle: 2.5 x index of positions 12, 13, ... (0, 1, 2, 3, 0, 1)
    var adjustment = SeasonalAdjustment.of(CYCLES, 4);
    assertTrue(adjustment.seasonal());
    assertArrayEquals(
        new double[] {1, 2, 3, 4, 1, 2}, M4Benchmarks.naive2(4).forecast(CYCLES, 6), 1e-12);
  }

  @Test
  void naive2WithoutASeasonIsTheLastValue() {
    // m = 1: no test, no adjustment
    assertArrayEquals(new double[] {4, 4, 4}, M4Benchmarks.naive2(1).forecast(CYCLES, 3), 0);
    // m = 4 but fewer than 3 seasons: no season found
    double[] short11 = Arrays.copyOf(CYCLES, 11);
    assertEquals(false, SeasonalAdjustment.of(short11, 4).seasonal());
    assertArrayEquals(new double[] {3, 3}, M4Benchmarks.naive2(4).forecast(short11, 2), 0);
  }

  @Test
  void thetaOnALineAddsHalfTheSlopePerStep() {
    // y = 2 + 3t, t = 1..20: line 0 is the series itself, line 2 = 2y - L = y; SES on it ends
    // at alpha 0.9999 with level 62 - 3 (1e-4 / 0.9999); f = (level + 2 + 3 (20 + h)) / 2
    double[] line = new double[20];
    for (int t = 1; t <= 20; t++) {
      line[t - 1] = 2 + 3 * t;
    }
    double lag = 3 * 1e-4 / 0.9999;
    double[] expected = new double[4];
    for (int h = 1; h <= 4; h++) {
      expected[h - 1] = 62 + 1.5 * h - lag / 2;
    }
    assertArrayEquals(expected, M4Benchmarks.theta(1).forecast(line, 4), 1e-5);
  }

  @Test
  void thetaNeverForecastsBelowZero() {
    double[] falling = new double[12];
    for (int t = 0; t < 12; t++) {
      falling[t] = 12 - t;
    }
    double[] f = M4Benchmarks.theta(1).forecast(falling, 10);
    // (1 + ... ) the line reaches 0 at step 13 - n: later forecasts are clipped at 0
    assertEquals(0, f[9], 0);
    for (double v : f) {
      assertTrue(v >= 0, "forecast " + v);
    }
  }

  /**
   * Reference forecasts of R 4 with forecast 8.20, its {@code initparam} replaced by forecast 8.2's
   * (alpha starts at 0.5), through the competition's benchmark code: quarterly, m = 4, a season
   * found (indices 0.897420170685409 1.097387588626327 1.204180280387715 0.801011960300549).
   * Printed by {@code Rscript bench/m4-r/benchmark-vectors.R} (this test's and the yearly one's).
   */
  @Test
  void quarterlySeriesMatchesRsBenchmarkCode() {
    double[] y = {
      90, 116.83, 130.26, 85.36, 93.79, 115.73, 132.72, 93.83, 108.85, 132.07, 140.74, 93.6, 109.19,
      140.91, 159.54, 106.6, 117.5, 142.11, 158.69, 111, 130.11, 160.8, 172.75, 113.42, 129.12,
      164.27, 186.98, 127.03
    };
    var adjustment = SeasonalAdjustment.of(y, 4);
    assertTrue(adjustment.seasonal());
    assertArrayEquals(
        new double[] {0.897420170685409, 1.097387588626327, 1.204180280387715, 0.801011960300549},
        adjustment.indices(),
        1e-14);
    Map<String, double[]> f = M4Benchmarks.forecastAll(y, 4, 8).forecasts();
    assertClose(
        new double[] {
          142.319078780539, 174.031290782347, 190.967212225216, 127.030000000000,
          142.319078780539, 174.031290782347, 190.967212225216, 127.030000000000
        },
        f.get("naive2"));
    assertClose(
        new double[] {
          142.318781540911, 174.030927310376, 190.966813381832, 127.029734692283,
          142.318781540911, 174.030927310376, 190.966813381832, 127.029734692283
        },
        f.get("ses"));
    assertClose(
        new double[] {
          144.231961491056, 178.709660970111, 198.667754667604, 133.859824592782,
          151.883916184807, 188.066660493801, 208.935334168961, 140.689743765081
        },
        f.get("holt"));
    assertClose(
        new double[] {
          143.590151296960, 177.109003415463, 195.982665626920, 131.434188305672,
          148.425897795486, 182.904008463582, 202.214434830946, 135.496609279448
        },
        f.get("damped"));
    assertClose(
        new double[] {
          143.212888385979, 176.217489899382, 194.565776525339, 130.221713545509,
          146.788958052977, 180.590396367073, 199.364234053881, 133.413612577537
        },
        f.get("theta"));
    assertClose(
        new double[] {
          143.380298109642, 176.616530565317, 195.205744558785, 130.774582530246,
          147.542865173734, 181.667198755919, 200.705527460580, 134.405362578937
        },
        f.get("comb"));
  }

  /** As above, a yearly series (m = 1). */
  @Test
  void yearlySeriesMatchesRsBenchmarkCode() {
    double[] y = {
      54, 50.98, 49.13, 56.01, 59.48, 55.09, 56.14, 63.64, 64.05, 59.83, 63.9, 70.46, 68.08, 65.52,
      71.94, 76.23, 72.09, 72.26, 79.74, 81.04
    };
    Map<String, double[]> f = M4Benchmarks.forecastAll(y, 1, 6).forecasts();
    assertClose(new double[] {81.04, 81.04, 81.04, 81.04, 81.04, 81.04}, f.get("naive2"));
    assertClose(
        new double[] {
          81.0398696932122,
          81.0398696932122,
          81.0398696932122,
          81.0398696932122,
          81.0398696932122,
          81.0398696932122
        },
        f.get("ses"));
    assertClose(
        new double[] {
          80.1881148313625,
          81.6883357259932,
          83.1885566206239,
          84.6887775152545,
          86.1889984098852,
          87.6892193045159
        },
        f.get("holt"));
    assertClose(
        new double[] {
          80.5134051795397,
          82.2633371246661,
          83.9782433706661,
          85.6588249731450,
          87.3057689557555,
          88.9197485910530
        },
        f.get("damped"));
    assertClose(
        new double[] {
          79.5765406855810,
          80.3305745201675,
          81.0846083547539,
          81.8386421893404,
          82.5926760239269,
          83.3467098585133
        },
        f.get("theta"));
    assertClose(
        new double[] {
          80.5804632347048,
          81.6638475146238,
          82.7355565615007,
          83.7958240605372,
          84.8448790196176,
          85.8829458629270
        },
        f.get("comb"));
  }

  @Test
  void combIsTheMeanOfSesHoltAndDampedAndEachPutsTheSeasonBack() {
    // CYCLES has a detected season with indices 0.4 0.8 1.2 1.6 and every adjusted value 2.5: a
    // constant adjusted series, which each smoothing forecasts as 2.5 (see
    // ExponentialSmoothingTest), so each method forecasts 2.5 x the index of positions 12, 13, ..
    // and Comb their mean
    double[] expected = {1, 2, 3, 4, 1};
    for (Forecaster f :
        List.of(
            M4Benchmarks.ses(4),
            M4Benchmarks.holt(4),
            M4Benchmarks.damped(4),
            M4Benchmarks.comb(4))) {
      assertArrayEquals(expected, f.forecast(CYCLES, 5), 1e-6, f.name());
    }
    // on a series without a season: (SES + Holt + Damped) / 3, step by step
    double[] y = {
      54, 50.98, 49.13, 56.01, 59.48, 55.09, 56.14, 63.64, 64.05, 59.83, 63.9, 70.46, 68.08, 65.52
    };
    double[] ses = M4Benchmarks.ses(1).forecast(y, 4);
    double[] holt = M4Benchmarks.holt(1).forecast(y, 4);
    double[] damped = M4Benchmarks.damped(1).forecast(y, 4);
    double[] comb = M4Benchmarks.comb(1).forecast(y, 4);
    for (int h = 0; h < 4; h++) {
      assertEquals((ses[h] + holt[h] + damped[h]) / 3, comb[h], 1e-12);
    }
  }

  @Test
  void eachForecasterGivesWhatForecastAllGives() {
    double[] y = {
      54, 50.98, 49.13, 56.01, 59.48, 55.09, 56.14, 63.64, 64.05, 59.83, 63.9, 70.46, 68.08, 65.52
    };
    Map<String, double[]> all = M4Benchmarks.forecastAll(y, 1, 5).forecasts();
    List<Forecaster> forecasters = M4Benchmarks.all(1);
    assertEquals(M4Benchmarks.NAMES, forecasters.stream().map(Forecaster::name).toList());
    assertEquals(M4Benchmarks.NAMES, List.copyOf(all.keySet()));
    for (Forecaster f : forecasters) {
      assertArrayEquals(all.get(f.name()), f.forecast(y, 5), 0, f.name());
    }
  }

  @Test
  void aSeasonalSeriesWithANonPositiveValueIsRefused() {
    double[] y = CYCLES.clone();
    for (int t = 0; t < y.length; t++) {
      y[t] -= 1;
    }
    var e =
        assertThrows(IllegalArgumentException.class, () -> M4Benchmarks.naive2(4).forecast(y, 2));
    assertTrue(e.getMessage().contains("needs positive values"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> M4Benchmarks.ses(0));
    assertThrows(IllegalArgumentException.class, () -> M4Benchmarks.ses(1).forecast(y, 0));
  }

  @Test
  void aShortSeriesGetsEveryMethodItIsLongEnoughForAndTheReasonForTheRest() {
    // 8 values: Naive2 needs 1, SES and Theta 7, Holt 9, damped and Comb 10. Before, forecastAll
    // threw for the whole series and Naive2, SES and Theta were lost with it
    double[] y = {54, 50.98, 49.13, 56.01, 59.48, 55.09, 56.14, 63.64};
    M4Benchmarks.Forecasts all = M4Benchmarks.forecastAll(y, 1, 3);
    assertEquals(List.of("naive2", "ses", "theta"), List.copyOf(all.forecasts().keySet()));
    assertEquals(List.of("holt", "damped", "comb"), List.copyOf(all.failures().keySet()));
    assertTrue(
        all.failures().get("holt").contains("at least 9 values, got 8"), all.failures().toString());
    assertTrue(
        all.failures().get("comb").contains("at least 10 values, got 8"),
        all.failures().toString());
    assertArrayEquals(new double[] {63.64, 63.64, 63.64}, all.forecasts().get("naive2"), 0);
    assertArrayEquals(M4Benchmarks.ses(1).forecast(y, 3), all.forecasts().get("ses"), 0);
    assertArrayEquals(M4Benchmarks.theta(1).forecast(y, 3), all.forecasts().get("theta"), 0);
    for (String name : M4Benchmarks.NAMES) {
      assertEquals(
          name.equals("naive2")
              ? 1
              : name.equals("holt") ? 9 : name.matches("damped|comb") ? 10 : 7,
          M4Benchmarks.minimumLength(name),
          name);
    }
  }

  @Test
  void aNonFiniteHistoryIsRefusedNamingWhereItIs() {
    // before: Naive2 forecast NaN from a NaN last value, and the smoothing methods failed with
    // NelderMead's "starting point" message, which names neither the series nor the value
    double[] y = CYCLES.clone();
    y[11] = Double.NaN;
    for (Forecaster f : M4Benchmarks.all(1)) {
      var e = assertThrows(IllegalArgumentException.class, () -> f.forecast(y, 2), f.name());
      assertTrue(e.getMessage().contains("NaN at position 12"), e.getMessage());
    }
    var e = assertThrows(IllegalArgumentException.class, () -> M4Benchmarks.forecastAll(y, 1, 2));
    assertTrue(e.getMessage().contains("NaN at position 12"), e.getMessage());
  }

  @Test
  void anAdjustmentCannotBeChangedThroughItsArrays() {
    // indices 0.4 0.8 1.2 1.6 (see the first test); n = 12, so steps 1, 2 take indices 0, 1.
    // Before, the record handed out its own arrays and a caller's write changed its forecasts
    var adjustment = SeasonalAdjustment.of(CYCLES, 4);
    adjustment.indices()[0] = 100;
    adjustment.adjusted()[0] = 100;
    assertArrayEquals(
        new double[] {1, 2}, adjustment.reseasonalize(new double[] {2.5, 2.5}), 1e-12);
    assertEquals(0.4, adjustment.indices()[0], 1e-12);
    assertEquals(2.5, adjustment.adjusted()[0], 1e-12);
  }

  /** Agreement with R to 1e-9 relative: the same arithmetic, up to rounding. */
  private static void assertClose(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-9 * Math.abs(expected[i]), "step " + (i + 1));
    }
  }
}
