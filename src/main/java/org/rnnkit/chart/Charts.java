package org.rnnkit.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.rnnkit.io.AtomicFile;

/** Shared look and the PNG writer for every rnnkit chart. */
public final class Charts {
  /** Default image size: 1200 x 800. */
  public static final int WIDTH = 1200;

  public static final int HEIGHT = 800;

  /** A colour-blind-safe palette (Okabe and Ito 2008). */
  public static final Color[] PALETTE = {
    new Color(0, 114, 178),
    new Color(213, 94, 0),
    new Color(0, 158, 115),
    new Color(204, 121, 167),
    new Color(230, 159, 0),
    new Color(86, 180, 233),
    new Color(0, 0, 0)
  };

  private Charts() {}

  /** Large fonts, white background and light grid lines, readable at 1200 x 800. */
  public static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
    if (chart.getLegend() != null) {
      chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
    }
    if (chart.getPlot() instanceof XYPlot plot) {
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(new Color(220, 220, 220));
      plot.setRangeGridlinePaint(new Color(220, 220, 220));
      Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 20);
      Font ticks = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
      for (int i = 0; i < plot.getDomainAxisCount(); i++) {
        plot.getDomainAxis(i).setLabelFont(label);
        plot.getDomainAxis(i).setTickLabelFont(ticks);
      }
      for (int i = 0; i < plot.getRangeAxisCount(); i++) {
        plot.getRangeAxis(i).setLabelFont(label);
        plot.getRangeAxis(i).setTickLabelFont(ticks);
      }
    }
  }

  /** A solid line of the given width. */
  public static BasicStroke line(float width) {
    return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  /** A dashed line of the given width. */
  public static BasicStroke dashed(float width) {
    return new BasicStroke(
        width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {8, 6}, 0);
  }

  /**
   * Writes the chart as a PNG, atomically: to a temporary file in the same folder, then renamed.
   */
  public static void writePng(JFreeChart chart, Path file, int width, int height)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFile.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
  }
}
