package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.forecast.Forecaster;

/**
 * The backtest's choice between the network alone and its combination, on lines {@code y_t = 100 +
 * 2t} that a stand-in network and stand-in methods forecast exactly or wrongly by a known amount.
 */
class CombinationChoiceTest {
  private static final int H = 3;
  private static final Backtest.Setup SETUP =
      new Backtest.Setup(H, true, 2, 1, new double[] {0.8, 0.95}, false);

  /** M4's reference stand-in: the last value repeated. */
  private static final Forecaster NAIVE2 = shifted("naive2", h -> 0);

  /** A forecaster of {@code last + offset(h) * slope}, the slope read from the last two values. */
  private static Forecaster shifted(String name, IntToDoubleFunction offset) {
    return Forecaster.of(
        name,
        (y, steps) -> {
          double slope = y[y.length - 1] - y[y.length - 2];
          double[] f = new double[steps];
          for (int h = 1; h <= steps; h++) {
            f[h - 1] = y[y.length - 1] + offset.applyAsDouble(h) * slope;
          }
          return f;
        });
  }

  /** A network stand-in forecasting as {@code method} does. */
  private static CatalogueModel network(Forecaster method) {
    return CatalogueSeries.standIn(method);
  }

  private static List<SeriesInput> lines(double testOffset) {
    List<SeriesInput> out = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      double[] y = new double[30];
      for (int t = 0; t < y.length; t++) {
        y[t] = 100 * (s + 1) + 2 * t + (t >= y.length - H ? testOffset : 0);
      }
      out.add(SeriesInput.of("line" + s, TimeSeries.of("line" + s, y)));
    }
    return out;
  }

  private static CatalogueResult run(
      List<SeriesInput> catalogue, Backtest.Setup setup, Forecaster net, Forecaster... methods) {
    CatalogueModel model = CombinedModel.chosenByBacktest(network(net), List.of(methods));
    return Backtest.run(catalogue, setup, model, List.of(NAIVE2), "naive2", null, null);
  }

  private static final Forecaster EXACT = shifted("exact", h -> h);
  private static final Forecaster BELOW = shifted("below", h -> -h);
  private static final Forecaster TEN_TIMES = shifted("ten", h -> 10 * h);

  @Test
  void anExactNetworkIsUsedAloneOverAMedianThatIsNaive() {
    // median(last + h, last, last - h) = last: the combination is Naive2 itself (OWA exactly 1)
    CatalogueResult r = run(lines(0), SETUP, EXACT, NAIVE2, BELOW);
    CombinationChoice c = r.combination();
    assertFalse(c.combined());
    assertEquals(0, c.networkOwa(), 1e-12);
    assertEquals(1, c.combinedOwa(), 1e-12);
    assertEquals(3 * 2, c.scored());
    for (SeriesResult s : r.series()) {
      double[] y = s.series().values();
      assertArrayEquals(
          EXACT.forecast(java.util.Arrays.copyOf(y, y.length - H), H),
          s.forecasts().get("global"),
          1e-12);
    }
    assertTrue(c.describe().startsWith("the network alone: backtest OWA 0.000"), c.describe());
  }

  @Test
  void aWrongNetworkIsOutvotedByTwoExactMethods() {
    CatalogueResult r = run(lines(0), SETUP, TEN_TIMES, EXACT, EXACT);
    CombinationChoice c = r.combination();
    assertTrue(c.combined());
    assertEquals(0, c.combinedOwa(), 1e-12);
    assertTrue(c.networkOwa() > 1, "network OWA " + c.networkOwa());
    assertEquals("median of global, exact, exact", c.combination());
    for (SeriesResult s : r.series()) {
      double[] y = s.series().values();
      assertArrayEquals(
          EXACT.forecast(java.util.Arrays.copyOf(y, y.length - H), H),
          s.forecasts().get("global"),
          1e-12);
      // the backtest scores are the combination's, which is exact there
      assertEquals(0, s.scores().get(1).get("global").get("MASE"), 1e-12);
    }
  }

  @Test
  void theTestPartCannotChangeTheChoice() {
    CatalogueResult plain = run(lines(0), SETUP, EXACT, NAIVE2, BELOW);
    // test values far below the line: the combination (the last value) is now far closer there
    CatalogueResult shifted = run(lines(-1000), SETUP, EXACT, NAIVE2, BELOW);
    assertEquals(plain.combination(), shifted.combination());
    for (int i = 0; i < plain.series().size(); i++) {
      assertArrayEquals(
          plain.series().get(i).forecasts().get("global"),
          shifted.series().get(i).forecasts().get("global"));
    }
  }

  @Test
  void withoutBacktestOriginsTheCombinationIsKept() {
    var none = new Backtest.Setup(H, true, 0, 1, new double[] {0.8, 0.95}, false);
    CatalogueResult r = run(lines(0), none, EXACT, NAIVE2, BELOW);
    assertTrue(r.combination().combined());
    assertEquals(0, r.combination().scored());
    assertTrue(Double.isNaN(r.combination().networkOwa()));
    double[] y = r.series().get(0).series().values();
    double last = y[y.length - H - 1];
    assertArrayEquals(new double[] {last, last, last}, r.series().get(0).forecasts().get("global"));
  }

  @Test
  void aCombinationThatIsAlwaysMadeIsNotChosen() {
    CatalogueModel always =
        new CombinedModel(network(EXACT), List.of(NAIVE2, BELOW), CombinedModel.Rule.MEDIAN);
    CatalogueResult r =
        Backtest.run(lines(0), SETUP, always, List.of(NAIVE2), "naive2", null, null);
    assertEquals(null, r.combination());
    double[] y = r.series().get(0).series().values();
    double last = y[y.length - H - 1];
    assertArrayEquals(new double[] {last, last, last}, r.series().get(0).forecasts().get("global"));
  }

  @Test
  void choosingWithoutTheReferenceBaselineIsRefusedNamingIt() {
    CatalogueModel model = CombinedModel.chosenByBacktest(network(EXACT), List.of(NAIVE2, BELOW));
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> Backtest.run(lines(0), SETUP, model, List.of(BELOW), "naive2", null, null));
    assertTrue(e.getMessage().contains("reference baseline naive2"), e.getMessage());
  }

  @Test
  void perSeriesSumsAddedUpChooseAsTheBacktestDoes() {
    // the exact network against the median of Naive2 and BELOW (= Naive2): OWA 0 against 1
    CombinedModel model = CombinedModel.chosenByBacktest(network(EXACT), List.of(NAIVE2, BELOW));
    CombinationChoice.Sums total = CombinationChoice.Sums.none();
    for (SeriesInput in : lines(0)) {
      double[] y = in.series().values();
      double[][] alone = new double[SETUP.origins() + 1][];
      double[][] combined = new double[SETUP.origins() + 1][];
      for (int k = 0; k <= SETUP.origins(); k++) {
        double[] history = Backtest.history(y, SETUP, k);
        alone[k] = EXACT.forecast(history, H);
        combined[k] = model.combine(alone[k], history, H);
      }
      total = total.plus(CombinationChoice.Sums.of(y, alone, combined, SETUP, NAIVE2));
    }
    assertEquals(3 * 2, total.scored());
    double[] sums = total.sums();
    assertEquals(0, sums[0], 1e-12);
    assertEquals(0, sums[1], 1e-12);
    assertEquals(sums[4], sums[2], 1e-12);
    assertEquals(sums[5], sums[3], 1e-12);
    assertTrue(sums[4] > 0 && sums[5] > 0);
    CombinationChoice c = CombinationChoice.from(model.description(), total);
    assertEquals(run(lines(0), SETUP, EXACT, NAIVE2, BELOW).combination(), c);
    // a series without forecasts adds nothing; nothing at all keeps the combination
    assertEquals(0, CombinationChoice.Sums.of(new double[30], null, null, SETUP, NAIVE2).scored());
    CombinationChoice none = CombinationChoice.from("median", CombinationChoice.Sums.none());
    assertEquals(new CombinationChoice("median", true, Double.NaN, Double.NaN, 0), none);
    // and its summary does not claim a choice made on backtest origins
    String note = (String) none.summary().get("note");
    org.junit.jupiter.api.Assertions.assertTrue(note.startsWith("no backtest forecast"), note);
    String chosen = (String) c.summary().get("note");
    org.junit.jupiter.api.Assertions.assertTrue(
        chosen.startsWith("chosen on the backtest"), chosen);
  }
}
