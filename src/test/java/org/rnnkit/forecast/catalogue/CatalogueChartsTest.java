package org.rnnkit.forecast.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.junit.jupiter.api.Test;
import org.rnnkit.chart.CatalogueCharts;
import org.rnnkit.forecast.m4.M4Benchmarks;

/** The catalogue's charts as a reader sees them (their legends), on a small backtest. */
class CatalogueChartsTest {

  @Test
  void theExamplesLegendShowsEachIntervalAsAShadeNotAsTheForecastLine() {
    CatalogueResult r = backtest(6, 3);
    var chart = CatalogueCharts.examples(r, 16);
    LegendItemCollection items = ((CombinedDomainXYPlot) chart.getPlot()).getLegendItems();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < items.getItemCount(); i++) {
      labels.add(items.get(i).getLabel());
    }
    assertEquals(
        List.of("history", "actual (held out)", "global forecast", "80% interval", "95% interval"),
        labels);
    for (int i = 3; i < 5; i++) {
      LegendItem band = items.get(i);
      assertInstanceOf(Rectangle2D.class, band.getShape(), band.getLabel());
    }
    // the narrower band lies over the wider one: its square is the darker
    int alpha80 = ((java.awt.Color) items.get(3).getFillPaint()).getAlpha();
    int alpha95 = ((java.awt.Color) items.get(4).getFillPaint()).getAlpha();
    org.junit.jupiter.api.Assertions.assertTrue(alpha80 > alpha95, alpha80 + " vs " + alpha95);
  }

  @Test
  void twoSeriesAreEachDrawnOnce() {
    CatalogueResult r = backtest(2, 5);
    var chart = CatalogueCharts.examples(r, 16);
    var plot = (CombinedDomainXYPlot) chart.getPlot();
    assertEquals(2, plot.getSubplots().size(), "best and worst; the median of two is the worst");
    assertEquals(
        "global model: best and worst of 2 series by test MASE", chart.getTitle().getText());
  }

  /** {@code count} quarterly series of about 40 values, backtested with Damped standing in. */
  private static CatalogueResult backtest(int count, long seed) {
    var setup = new Backtest.Setup(4, true, 2, 4, new double[] {0.8, 0.95}, false);
    return Backtest.run(
        CatalogueSeries.catalogue(count, 40, seed),
        setup,
        CatalogueSeries.standIn(M4Benchmarks.damped(4)),
        M4Benchmarks.all(4),
        "naive2",
        null,
        null);
  }
}
