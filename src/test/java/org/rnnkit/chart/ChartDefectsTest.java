package org.rnnkit.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

/** One test per chart glitch of issue 19, each on the chart object as drawn at 1200 x 800. */
class ChartDefectsTest {

  /** The ticks {@code axis} draws when {@code chart} is drawn at the PNG size. */
  static List<?> ticks(JFreeChart chart, ValueAxis axis, RectangleEdge edge) {
    BufferedImage image =
        new BufferedImage(ChartStyle.WIDTH, ChartStyle.HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    ChartRenderingInfo info = new ChartRenderingInfo();
    chart.draw(g2, new Rectangle2D.Double(0, 0, ChartStyle.WIDTH, ChartStyle.HEIGHT), info);
    List<?> ticks = axis.refreshTicks(g2, new AxisState(), info.getPlotInfo().getDataArea(), edge);
    g2.dispose();
    return ticks;
  }

  /** A training loss that creeps from 0.23 to 0.19: less than a tenth of a decade. */
  private static double[] creepingLoss() {
    double[] loss = new double[30];
    for (int i = 0; i < loss.length; i++) {
      loss[i] = 0.23 - 0.04 * i / (loss.length - 1);
    }
    return loss;
  }

  @Test
  void logAxisTickLabelsNeverRepeat() {
    JFreeChart chart =
        new LineChart("loss", "epoch", "loss (log scale)")
            .logY()
            .add(Series.indexed("tanh RNN", creepingLoss()))
            .build();
    XYPlot plot = chart.getXYPlot();
    List<String> labels =
        DistinctLogAxis.labels(ticks(chart, plot.getRangeAxis(), RectangleEdge.LEFT));
    assertTrue(labels.size() >= 2, "labels " + labels);
    assertEquals(labels.size(), new HashSet<>(labels).size(), "repeated labels " + labels);

    // the axis this replaced, on the same plot, repeats them ("2.2E-1, 2.2E-1, ...")
    LogAxis old = new LogAxis("loss");
    old.setNumberFormatOverride(new DecimalFormat("0.#E0"));
    ChartStyle.axis(old);
    plot.setRangeAxis(old);
    List<String> oldLabels = DistinctLogAxis.labels(ticks(chart, old, RectangleEdge.LEFT));
    assertNotEquals(oldLabels.size(), new HashSet<>(oldLabels).size(), "old labels " + oldLabels);
  }

  @Test
  void logAxisLabelsArePlainDecimalsInTheEverydayRangeAndScientificBeyond() {
    double[] mase = {0.63, 0.7, 0.85, 1.1, 1.45};
    JFreeChart everyday =
        new LineChart("MASE", "series", "MASE (log scale)")
            .logY()
            .add(Series.indexed("global", mase))
            .build();
    List<String> labels =
        DistinctLogAxis.labels(
            ticks(everyday, everyday.getXYPlot().getRangeAxis(), RectangleEdge.LEFT));
    assertTrue(labels.size() >= 2, "labels " + labels);
    for (String label : labels) {
      assertTrue(label.matches("[0-9]+(\\.[0-9]+)?"), "plain decimal: " + labels);
    }
    double[] gradient = {1e-12, 1e-9, 1e-6, 1e-3, 1};
    JFreeChart vanishing =
        new LineChart("gradient", "step", "norm (log scale)")
            .logY()
            .add(Series.indexed("RNN", gradient))
            .build();
    List<String> tiny =
        DistinctLogAxis.labels(
            ticks(vanishing, vanishing.getXYPlot().getRangeAxis(), RectangleEdge.LEFT));
    assertTrue(tiny.stream().anyMatch(l -> l.contains("E-")), "scientific below 0.001: " + tiny);
  }

  @Test
  void epochAxesHaveWholeNumberTicks() {
    JFreeChart chart =
        new LineChart("loss", "epoch", "loss")
            .add(Series.indexed("training", new double[] {0.9, 0.5, 0.4, 0.35}))
            .build();
    List<?> ticks = ticks(chart, chart.getXYPlot().getDomainAxis(), RectangleEdge.BOTTOM);
    assertTrue(ticks.size() >= 2, "ticks " + ticks);
    int labelled = 0;
    for (Object t : ticks) {
      NumberTick tick = (NumberTick) t;
      if (tick.getTickType() == TickType.MAJOR) {
        labelled++;
        assertEquals(Math.rint(tick.getValue()), tick.getValue(), 0, "tick " + tick.getText());
      }
    }
    assertTrue(labelled >= 2, "labelled ticks " + labelled);

    // the axis this replaced labels half epochs on the same chart
    NumberAxis old = new NumberAxis("epoch");
    old.setAutoRangeIncludesZero(false);
    ChartStyle.axis(old);
    chart.getXYPlot().setDomainAxis(old);
    assertTrue(
        ticks(chart, old, RectangleEdge.BOTTOM).stream()
            .map(NumberTick.class::cast)
            .anyMatch(
                t -> t.getTickType() == TickType.MAJOR && t.getValue() != Math.rint(t.getValue())),
        "the old axis had only whole ticks; the test no longer shows the defect");
  }

  @Test
  void referenceLinesAreNamedInTheLegendNotOverTheDataAndAlwaysShown() {
    JFreeChart chart =
        new LineChart("success", "sequence length T", "test MSE (log scale)")
            .logY()
            .add(new Series("tanh RNN", new double[] {10, 30, 50}, new double[] {0.02, 0.196, 0.2}))
            .horizontalLine(0.001, "success threshold 0.001")
            .horizontalLine(1.0 / 6, "chance: 0.167")
            .build();
    XYPlot plot = chart.getXYPlot();
    assertNull(plot.getRangeMarkers(Layer.FOREGROUND), "no text markers on the plot");
    assertNull(plot.getRangeMarkers(Layer.BACKGROUND), "no text markers on the plot");
    List<String> legend = new ArrayList<>();
    for (int i = 0; i < plot.getLegendItems().getItemCount(); i++) {
      legend.add(plot.getLegendItems().get(i).getLabel());
    }
    assertEquals(List.of("tanh RNN", "success threshold 0.001", "chance: 0.167"), legend);
    // the threshold lies far below the data, yet the axis reaches it
    assertTrue(
        plot.getRangeAxis().getRange().contains(0.001), plot.getRangeAxis().getRange().toString());
  }

  @Test
  void heatMapsOnASharedScaleUseOneColourRange() {
    double[][] vanishing = {{1e-8, 1e-4, 1}};
    double[][] steady = {{0.5, 0.8, 1}};
    HeatMap.Scale shared = HeatMap.sharedScale(List.<double[][]>of(vanishing, steady));
    assertEquals(new HeatMap.Scale(-8, 0), shared);
    for (double[][] grid : List.<double[][]>of(vanishing, steady)) {
      JFreeChart chart = HeatMap.build("h", "t", "epoch", "log10", grid, new double[] {0}, shared);
      PaintScaleLegend legend = legend(chart);
      assertEquals(-8, legend.getScale().getLowerBound(), 0);
      assertEquals(0, legend.getScale().getUpperBound(), 0);
    }
  }

  private static PaintScaleLegend legend(JFreeChart chart) {
    for (int i = 0; i < chart.getSubtitleCount(); i++) {
      if (chart.getSubtitle(i) instanceof PaintScaleLegend legend) {
        return legend;
      }
    }
    throw new AssertionError("no colour bar");
  }
}
