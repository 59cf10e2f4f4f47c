package org.rnnkit.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.AttributedCharacterIterator;
import java.text.AttributedString;
import java.text.CharacterIterator;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A base-10 log axis whose tick labels never repeat. JFreeChart's log axis puts ticks at fractional
 * powers of ten when the range spans less than a few decades, and a fixed format such as {@code
 * 0.#E0} then prints {@code 2.2E-1, 2.2E-1, 2.1E-1}. This axis labels its ticks with the fewest
 * significant digits (one to {@value #MAX_DIGITS}) that tell every pair of ticks apart: as plain
 * decimals from 0.001 to below 10,000 ({@code 0.63, 1.2, 250}), in scientific notation beyond
 * ({@code 3E-12}), where plain decimals would be long.
 */
final class DistinctLogAxis extends LogAxis {
  private static final long serialVersionUID = 1L;

  /** The most significant digits a label gets. */
  private static final int MAX_DIGITS = 6;

  private int digits = 1;

  DistinctLogAxis(String label) {
    super(label);
    setBase(10);
    setSmallestValue(1e-300);
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public List refreshTicks(
      Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
    List ticks = null;
    for (digits = 1; digits <= MAX_DIGITS; digits++) {
      ticks = super.refreshTicks(g2, state, dataArea, edge);
      List<String> labels = labels(ticks);
      if (new HashSet<>(labels).size() == labels.size()) {
        break;
      }
    }
    digits = Math.min(digits, MAX_DIGITS);
    return ticks;
  }

  @Override
  protected AttributedString createTickLabel(double value) {
    String text =
        value >= 1e-3 && value < 1e4
            ? new java.math.BigDecimal(value)
                .round(new java.math.MathContext(digits))
                .stripTrailingZeros()
                .toPlainString()
            : new DecimalFormat(digits == 1 ? "0E0" : "0." + "0".repeat(digits - 1) + "E0")
                .format(value);
    AttributedString label = new AttributedString(text);
    // in the tick font, as the other axes draw theirs
    label.addAttributes(getTickLabelFont().getAttributes(), 0, text.length());
    return label;
  }

  /** The non-empty labels of {@code ticks}, as drawn. */
  static List<String> labels(List<?> ticks) {
    List<String> labels = new ArrayList<>();
    for (Object t : ticks) {
      if (t instanceof LogTick tick && tick.getAttributedLabel() != null) {
        StringBuilder s = new StringBuilder();
        AttributedCharacterIterator it = tick.getAttributedLabel().getIterator();
        for (char c = it.first(); c != CharacterIterator.DONE; c = it.next()) {
          s.append(c);
        }
        if (!s.isEmpty()) {
          labels.add(s.toString());
        }
      }
    }
    return labels;
  }
}
