package org.rnnkit.notebook;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.rnnkit.chart.ChartStyle;

/**
 * Shows a value in the notebook, between the cell's printed lines: {@code display(chart)}. Every
 * cell has {@code display} imported. A JFreeChart (every chart rnnkit builds), an image, or a PNG
 * file (a {@link Path} or {@link File} naming one, e.g. written by {@code rnnkit gradients}) is
 * shown as a picture ({@code image/png}); anything else as its text. A cell's last expression is
 * shown the same way.
 */
public final class Display {
  /** Size of a chart in the notebook: rnnkit's charts (1200x800) drawn at three quarters. */
  static final int CHART_WIDTH = ChartStyle.WIDTH * 3 / 4;

  static final int CHART_HEIGHT = ChartStyle.HEIGHT * 3 / 4;

  private static volatile CellOutput current;

  private Display() {}

  /**
   * Shows {@code value} under the running cell.
   *
   * @throws IllegalStateException outside a notebook cell
   */
  public static void display(Object value) {
    CellOutput output = current;
    if (output == null) {
      throw new IllegalStateException(
          "display() shows values in a notebook cell; outside a notebook, write a chart with"
              + " ChartStyle.writePng(chart, path)");
    }
    output.display(bundle(value, String.valueOf(value)));
  }

  /** Sends {@link #display} calls to {@code output} until the next call; null: to none. */
  static void attach(CellOutput output) {
    current = output;
  }

  /**
   * The MIME bundle of {@code value}: {@code image/png} (base64) for pictures, and {@code
   * text/plain} always.
   *
   * @param text the value's text form
   */
  static Map<String, String> bundle(Object value, String text) {
    Map<String, String> bundle = new LinkedHashMap<>();
    byte[] png = png(value);
    if (png != null) {
      bundle.put("image/png", Base64.getEncoder().encodeToString(png));
      text = describe(value, text);
    }
    bundle.put("text/plain", text);
    return bundle;
  }

  /** The PNG bytes of a picture value, or null when the value is no picture. */
  private static byte[] png(Object value) {
    if (value instanceof File file) {
      value = file.toPath();
    }
    try {
      if (value instanceof JFreeChart chart) {
        return encode(
            chart.createBufferedImage(
                CHART_WIDTH, CHART_HEIGHT, ChartStyle.WIDTH, ChartStyle.HEIGHT, null));
      }
      if (value instanceof RenderedImage image) {
        return encode(image);
      }
      if (value instanceof Path path
          && path.getFileName() != null
          && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
        if (!Files.isRegularFile(path)) {
          throw new IllegalArgumentException("cannot show " + path + ": no such file");
        }
        return Files.readAllBytes(path);
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot show " + value + ": " + e.getMessage(), e);
    }
  }

  private static byte[] encode(RenderedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    return bytes.toByteArray();
  }

  /** The text shown where pictures cannot be: what the picture is. */
  private static String describe(Object value, String text) {
    if (value instanceof JFreeChart chart) {
      String title = chart.getTitle() == null ? "" : " \"" + chart.getTitle().getText() + "\"";
      return "<chart" + title + ">";
    }
    if (value instanceof BufferedImage image) {
      return "<image " + image.getWidth() + "x" + image.getHeight() + ">";
    }
    return text;
  }
}
