package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Paint;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.rnnkit.chart.ChartStyle;
import org.rnnkit.chart.LineChart;
import org.rnnkit.tasks.AddingProblem;
import org.rnnkit.tasks.CellChoice;
import org.rnnkit.tasks.CopyMemory;
import org.rnnkit.tasks.EmbeddedReber;
import org.rnnkit.tasks.Task;
import org.rnnkit.tasks.VanishingGradients;

/** The charts of {@code tasks} and {@code gradients}, inspected as objects. */
class TaskChartsTest {

  @Test
  void theSweepChartDrawsTheChanceLevel() {
    List<Task> tasks = List.of(new AddingProblem(10), new AddingProblem(30));
    Map<CellChoice, double[]> values = new LinkedHashMap<>();
    values.put(CellChoice.RNN_TANH, new double[] {0.004, 0.196});
    JFreeChart chart = TasksCommand.sweepChart("adding", tasks, values).build();
    XYDataset data = chart.getXYPlot().getDataset();
    int chance = -1;
    for (int s = 0; s < data.getSeriesCount(); s++) {
      if (data.getSeriesKey(s).toString().startsWith("chance")) {
        chance = s;
      }
    }
    assertTrue(chance >= 0, "no chance line");
    assertEquals("chance: 0.167", data.getSeriesKey(chance));
    assertEquals(1.0 / 6, data.getYValue(chance, 0), 1e-15);
    // across the whole length axis: 0.196 at T = 30 reads as at chance
    assertEquals(10, data.getXValue(chance, 0), 0);
    assertEquals(30, data.getXValue(chance, 1), 0);
  }

  @Test
  void everyTaskHasItsChanceLevel() {
    assertEquals(1.0 / 6, new AddingProblem(5).chance(), 0);
    assertEquals(1.0 / 8, new CopyMemory(5, 3, 8).chance(), 0);
    assertEquals(0.5, new EmbeddedReber(20).chance(), 0);
  }

  @Test
  void gradientHeatMapsShareOneScaleAndRunInTimeLikeTheOtherCharts() {
    List<GradientsCommand.HeatMapData> cells =
        List.of(
            new GradientsCommand.HeatMapData(
                CellChoice.RNN_TANH,
                new double[][] {{1e-6, 1e-3, 1}, {1e-5, 1e-2, 1}},
                new double[] {0, 1}),
            new GradientsCommand.HeatMapData(
                CellChoice.LSTM,
                new double[][] {{0.1, 0.5, 1}, {0.2, 0.6, 2}},
                new double[] {0, 1}));
    List<JFreeChart> charts = GradientsCommand.heatMaps(cells, 3, 10);
    for (JFreeChart chart : charts) {
      PaintScaleLegend legend = legend(chart);
      assertEquals(-6, legend.getScale().getLowerBound(), 1e-12);
      assertEquals(Math.log10(2), legend.getScale().getUpperBound(), 1e-12);
      // time runs forward, t = 1 .. T, as on the gradient-flow and task charts
      assertEquals(GradientsCommand.TIME_AXIS, chart.getXYPlot().getDomainAxis().getLabel());
      assertEquals(1, chart.getXYPlot().getDataset().getXValue(0, 0), 0);
      assertEquals(3, chart.getXYPlot().getDataset().getXValue(0, 2), 0);
    }
  }

  @Test
  void aCellHasTheSameColourAndLineInEveryChart() {
    List<Task> tasks = List.of(new AddingProblem(10), new AddingProblem(30));
    Map<CellChoice, double[]> values = new LinkedHashMap<>();
    // an order unlike the gradients chart's, so a colour by position would differ
    values.put(CellChoice.GRU, new double[] {0.004, 0.1});
    values.put(CellChoice.IRNN, new double[] {0.004, 0.1});
    values.put(CellChoice.LSTM, new double[] {0.004, 0.1});
    values.put(CellChoice.RNN_TANH, new double[] {0.004, 0.196});
    JFreeChart sweep = TasksCommand.sweepChart("adding", tasks, values).build();
    List<CellChoice> probed =
        List.of(
            CellChoice.RNN_TANH,
            CellChoice.LSTM,
            CellChoice.GRU,
            CellChoice.LSTM_FORGET1,
            CellChoice.IRNN,
            CellChoice.RNN_RELU);
    List<VanishingGradients.AtInit> initial =
        probed.stream()
            .map(
                c -> new VanishingGradients.AtInit(c, new double[] {1, 0.1}, new double[] {1, 0.5}))
            .toList();
    VanishingGradients.Result result =
        new VanishingGradients.Result(
            new VanishingGradients.Setup(probed, 2, 2, 1, 0, 0.01, true, false, 0),
            initial,
            List.of(),
            null);
    List<JFreeChart> gradients =
        GradientsCommand.initialCharts(result).stream().map(LineChart::build).toList();
    Set<Paint> colours = new HashSet<>();
    for (CellChoice cell : probed) {
      ChartStyle.Look look = ChartStyle.cell(cell.id());
      colours.add(look.color());
      for (JFreeChart chart : gradients) {
        assertLook(chart, cell, look);
      }
      if (values.containsKey(cell)) {
        assertLook(sweep, cell, look);
      }
    }
    assertEquals(probed.size(), colours.size() + 1, "only the IRNN shares its parent's colour");
  }

  /** The series of {@code cell} in {@code chart} is drawn in {@code look}. */
  private static void assertLook(JFreeChart chart, CellChoice cell, ChartStyle.Look look) {
    XYDataset data = chart.getXYPlot().getDataset();
    XYItemRenderer renderer = chart.getXYPlot().getRenderer();
    for (int s = 0; s < data.getSeriesCount(); s++) {
      if (data.getSeriesKey(s).equals(cell.label())) {
        assertEquals(look.color(), renderer.getSeriesPaint(s), cell.label());
        BasicStroke stroke = (BasicStroke) renderer.getSeriesStroke(s);
        assertEquals(look.dashed(), stroke.getDashArray() != null, cell.label());
        return;
      }
    }
    throw new AssertionError(cell.label() + " not drawn in " + chart.getTitle().getText());
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
