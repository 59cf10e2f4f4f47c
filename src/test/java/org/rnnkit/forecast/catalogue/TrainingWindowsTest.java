package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.Example;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;

class TrainingWindowsTest {
  private static final GlobalConfig CONFIG = CatalogueSeries.SMALL;
  private static final int SEASON = 4;
  private static final int HORIZON = 3;

  private static List<double[]> training() {
    List<double[]> out = new ArrayList<>();
    for (SeriesInput s : CatalogueSeries.catalogue(6, 60, 11)) {
      out.add(s.series().values());
    }
    return out;
  }

  @Test
  void aSeriesDrawsTheSameWindowsAloneAsAmongOthers() {
    List<double[]> all = training();
    TrainingWindows whole = TrainingWindows.of(TrainingWindows.allIds(6), all, SEASON, CONFIG, 3);
    // two partitions that interleave the series
    TrainingWindows odd =
        TrainingWindows.of(
            new int[] {1, 3, 5}, List.of(all.get(1), all.get(3), all.get(5)), SEASON, CONFIG, 3);
    TrainingWindows even =
        TrainingWindows.of(
            new int[] {0, 2, 4}, List.of(all.get(0), all.get(2), all.get(4)), SEASON, CONFIG, 3);
    TrainingWindows alone =
        TrainingWindows.of(new int[] {3}, List.of(all.get(3)), SEASON, CONFIG, 3);
    for (int epoch = 1; epoch <= 3; epoch++) {
      List<TrainingWindows.Window> expected = whole.draw(42, epoch, 8);
      List<TrainingWindows.Window> merged = new ArrayList<>(odd.draw(42, epoch, 8));
      merged.addAll(even.draw(42, epoch, 8));
      merged.sort(
          Comparator.comparingInt(TrainingWindows.Window::series)
              .thenComparingInt(TrainingWindows.Window::origin));
      assertEquals(expected, merged, "epoch " + epoch);
      assertEquals(
          expected.stream().filter(w -> w.series() == 3).toList(),
          alone.draw(42, epoch, 8),
          "series 3 alone, epoch " + epoch);
      // the examples are the same numbers too: the normalisation is per series
      Example a = whole.example(3, alone.draw(42, epoch, 8).get(0).origin());
      Example b = alone.example(3, alone.draw(42, epoch, 8).get(0).origin());
      assertArrayEquals(a.input().values().data, b.input().values().data, 0);
      assertArrayEquals(a.target().values().data, b.target().values().data, 0);
    }
  }

  @Test
  void aDriverKnowingOnlyTheCountsComputesTheDraw() {
    TrainingWindows whole =
        TrainingWindows.of(TrainingWindows.allIds(6), training(), SEASON, CONFIG, HORIZON);
    List<TrainingWindows.Window> fromCounts = new ArrayList<>();
    for (int id = 0; id < 6; id++) {
      for (int origin :
          TrainingWindows.origins(7, 2, id, whole.firstOrigin(), whole.count(id), 8)) {
        fromCounts.add(new TrainingWindows.Window(id, origin));
      }
    }
    assertEquals(whole.draw(7, 2, 8), fromCounts);
  }

  @Test
  void drawsAreDistinctInRangeOrderedAndVaryWithSeedAndEpoch() {
    TrainingWindows whole =
        TrainingWindows.of(TrainingWindows.allIds(6), training(), SEASON, CONFIG, HORIZON);
    List<TrainingWindows.Window> draw = whole.draw(42, 1, 8);
    // every series has more than 8 windows: 8 each
    assertEquals(6 * 8, draw.size());
    for (int k = 1; k < draw.size(); k++) {
      TrainingWindows.Window p = draw.get(k - 1);
      TrainingWindows.Window w = draw.get(k);
      assertTrue(
          p.series() < w.series() || (p.series() == w.series() && p.origin() < w.origin()),
          "ordered and distinct at " + k);
    }
    for (TrainingWindows.Window w : draw) {
      assertTrue(w.origin() >= whole.firstOrigin() && w.origin() <= whole.lastOrigin(w.series()));
      // a training target never reaches the validation window's targets
      assertTrue(w.origin() + HORIZON < whole.validationOrigin(w.series()) + 1);
    }
    assertNotEquals(draw, whole.draw(43, 1, 8));
    assertNotEquals(draw, whole.draw(42, 2, 8));
    // asking for more windows than a series has gives all of them
    int count = whole.count(0);
    int[] every = TrainingWindows.origins(42, 1, 0, whole.firstOrigin(), count, count + 5);
    assertEquals(count, every.length);
    assertEquals(whole.firstOrigin(), every[0]);
    assertEquals(whole.lastOrigin(0), every[count - 1]);
  }

  @Test
  void originsAndExamplesFollowTheDefinition() {
    List<double[]> training = training();
    TrainingWindows whole =
        TrainingWindows.of(TrainingWindows.allIds(6), training, SEASON, CONFIG, HORIZON);
    int w = CONFIG.windowFor(SEASON, HORIZON);
    assertEquals(w, whole.window());
    assertEquals(CONFIG.minHistory() - 1, whole.firstOrigin());
    int n = training.get(2).length;
    assertEquals(n - 1 - HORIZON, whole.validationOrigin(2));
    assertEquals(n - 1 - 2 * HORIZON, whole.lastOrigin(2));
    assertEquals(n - 2 * HORIZON - whole.firstOrigin(), whole.count(2));
    assertEquals(6, whole.validation().size());
    // the example's target is z_{t+h} - z_t of the series' own normalisation
    AdjustedSeries.Adjusted z = AdjustedSeries.fit(training.get(2), SEASON).adjust(training.get(2));
    Example e = whole.example(2, 20);
    for (int h = 1; h <= HORIZON; h++) {
      assertEquals(z.z()[20 + h] - z.z()[20], e.target().get(0, 0, h - 1), 1e-12);
    }
    assertEquals(0, e.input().get(w - 1, 0, 0), 0);
    var error = assertThrows(IllegalArgumentException.class, () -> whole.example(2, n - 2));
    assertTrue(error.getMessage().contains("has no 3 targets"), error.getMessage());
    error = assertThrows(IllegalArgumentException.class, () -> whole.count(9));
    assertTrue(error.getMessage().contains("series 9 is not among"), error.getMessage());
    error =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainingWindows.of(new int[] {2, 1}, training.subList(0, 2), SEASON, CONFIG, 3));
    assertTrue(error.getMessage().contains("strictly increasing"), error.getMessage());
  }

  @Test
  void theNetworkFactoryIsDeterministic() {
    SequenceModel a = GlobalForecaster.network(CONFIG, HORIZON, new Random(5));
    SequenceModel b = GlobalForecaster.network(CONFIG, HORIZON, new Random(5));
    Sequence input = new Sequence(8, 2, AdjustedSeries.INPUTS);
    for (int i = 0; i < input.values().getNumElements(); i++) {
      input.values().data[i] = Math.sin(i);
    }
    Sequence ya = a.forward(input, false);
    Sequence yb = b.forward(input, false);
    assertEquals(HORIZON, ya.features());
    assertArrayEquals(ya.values().data, yb.values().data, 0);
  }
}
