package org.rnnkit.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.rnnkit.io.AtomicFile;

/**
 * The look every rnnkit chart shares: 1200x800 pixels, fonts readable at that size, thick lines, a
 * white background with grey grid lines, and one colour per line from a palette that stays apart
 * for colour-blind readers (Okabe and Ito 2008).
 */
public final class ChartStyle {
  /** Width of a written PNG, in pixels. */
  public static final int WIDTH = 1200;

  /** Height of a written PNG, in pixels. */
  public static final int HEIGHT = 800;

  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 30);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 24);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 19);
  static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 21);
  static final BasicStroke LINE = new BasicStroke(3f);

  private static final Color[] PALETTE = {
    new Color(0, 114, 178),
    new Color(213, 94, 0),
    new Color(0, 158, 115),
    new Color(204, 121, 167),
    new Color(230, 159, 0),
    new Color(86, 180, 233),
    new Color(0, 0, 0),
  };

  private ChartStyle() {}

  /**
   * What a line stands for in a forecast chart. Each role has one colour and line style in every
   * chart, whatever else is drawn beside it: the network is always blue and solid, the actual
   * values always vermillion, each baseline always its own colour, dashed.
   */
  public enum Role {
    HISTORY(new Color(64, 64, 64), false),
    ACTUAL(PALETTE[1], false),
    NETWORK(PALETTE[0], false),
    NAIVE(PALETTE[3], true),
    SEASONAL_NAIVE(PALETTE[4], true),
    DRIFT(PALETTE[5], true),
    HOLT_WINTERS(PALETTE[2], true),
    /** A method with no role of its own. */
    OTHER(PALETTE[6], true);

    private final Color color;
    private final boolean dashed;

    Role(Color color, boolean dashed) {
      this.color = color;
      this.dashed = dashed;
    }

    public Color color() {
      return color;
    }

    /** The line for this role, {@code width} pixels wide: solid, or dashed for a baseline. */
    public BasicStroke stroke(float width) {
      return dashed ? dashed(width) : line(width);
    }

    /** The role of a forecasting method by its name ({@code naive}, {@code holt_winters}, ...). */
    public static Role ofMethod(String name) {
      return switch (name) {
        case "naive" -> NAIVE;
        case "seasonal_naive" -> SEASONAL_NAIVE;
        case "drift" -> DRIFT;
        case "holt_winters" -> HOLT_WINTERS;
        default -> OTHER;
      };
    }
  }

  /** The look of one line: its colour, and whether it is dashed. */
  public record Look(Color color, boolean dashed) {
    /** The line, {@code width} pixels wide. */
    public BasicStroke stroke(float width) {
      // qualified: inside the record, dashed names its component's accessor
      return dashed ? ChartStyle.dashed(width) : ChartStyle.line(width);
    }
  }

  /**
   * The look of a cell type's line in every chart that compares cells ({@code gradients}, {@code
   * tasks}): one colour per cell, the same in every picture, whatever else is drawn beside it. A
   * variant of a cell (the relu RNN with identity initialisation, the LSTM with forget-gate bias
   * +1) is dashed, in its parent's colour or a lighter one.
   *
   * @param id a cell's command-line name: rnn, rnn_relu, irnn, lstm, lstm_fb1, gru, or a
   *     layer-norm, peephole or reset-before variant (rnn_ln, lstm_ln, gru_ln, lstm_peephole,
   *     gru_reset_before)
   */
  public static Look cell(String id) {
    return switch (id) {
      case "rnn" -> new Look(PALETTE[1], false);
      case "rnn_relu" -> new Look(PALETTE[3], false);
      case "irnn" -> new Look(PALETTE[3], true);
      case "lstm" -> new Look(PALETTE[0], false);
      case "lstm_fb1" -> new Look(PALETTE[5], true);
      case "gru" -> new Look(PALETTE[2], false);
      // a variant: its cell's colour, dashed (layer norm), or a colour of its own
      case "rnn_ln" -> new Look(PALETTE[1], true);
      case "lstm_ln" -> new Look(PALETTE[0], true);
      case "gru_ln" -> new Look(PALETTE[2], true);
      case "lstm_peephole" -> new Look(PALETTE[4], false);
      case "gru_reset_before" -> new Look(PALETTE[6], true);
      default ->
          throw new IllegalArgumentException(
              ("no chart look for cell '%s'; expected rnn, rnn_relu, irnn, lstm, lstm_fb1, gru,"
                      + " rnn_ln, lstm_ln, gru_ln, lstm_peephole or gru_reset_before")
                  .formatted(id));
    };
  }

  /** Colour of the i-th line. */
  static Color color(int i) {
    return PALETTE[i % PALETTE.length];
  }

  /** A solid line of the given width. */
  static BasicStroke line(float width) {
    return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  /** A dashed line of the given width. */
  static BasicStroke dashed(float width) {
    return new BasicStroke(
        width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {8, 6}, 0);
  }

  /** Fonts and background for a chart with an XY plot. */
  static void apply(JFreeChart chart) {
    chart.getTitle().setFont(TITLE);
    chart.setBackgroundPaint(Color.WHITE);
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(LEGEND);
    }
    if (chart.getPlot() instanceof XYPlot plot) {
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
      plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
      for (int i = 0; i < plot.getDomainAxisCount(); i++) {
        axis(plot.getDomainAxis(i));
      }
      for (int i = 0; i < plot.getRangeAxisCount(); i++) {
        axis(plot.getRangeAxis(i));
      }
    }
  }

  static void axis(ValueAxis axis) {
    axis.setLabelFont(LABEL);
    axis.setTickLabelFont(TICK);
  }

  /**
   * Writes {@code chart} as a {@value #WIDTH}x{@value #HEIGHT} PNG, creating parent folders;
   * atomically, so a reader never sees half a picture.
   *
   * @return {@code file}
   */
  public static Path writePng(JFreeChart chart, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      AtomicFile.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + file + ": " + e.getMessage(), e);
    }
  }
}
