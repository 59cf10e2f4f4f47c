package org.rnnkit.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path dir;

  static void assertPng(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), "PNG signature of " + file);
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(ChartStyle.WIDTH, image.getWidth());
    assertEquals(ChartStyle.HEIGHT, image.getHeight());
  }

  @Test
  void logScaleLineChartIsA1200x800Png() throws IOException {
    double[] decay = new double[50];
    for (int t = 0; t < decay.length; t++) {
      decay[t] = Math.pow(0.5, t);
    }
    decay[10] = 0; // dropped on a log axis, not an error
    Path file =
        new LineChart("Gradient flow", "steps back from T (steps)", "||dL/dh[t]|| (log scale)")
            .logY()
            .add(Series.indexed("decay", decay))
            .add(Series.indexed("flat", new double[] {1, 1, 1}))
            .horizontalLine(1e-3, "threshold")
            .write(dir.resolve("sub/flow.png"));
    assertPng(file);
  }

  @Test
  void heatMapIsA1200x800Png() throws IOException {
    double[][] z = new double[4][30];
    for (int r = 0; r < z.length; r++) {
      for (int c = 0; c < z[r].length; c++) {
        z[r][c] = Math.exp(-c * 0.1 * (4 - r));
      }
    }
    Path file =
        HeatMap.write(
            "Heat",
            "time step t",
            "epoch",
            "log10 ||dL/dh[t]||",
            z,
            new double[] {1, 2, 3, 4},
            HeatMap.sharedScale(java.util.Collections.singletonList(z)),
            dir.resolve("heat.png"));
    assertPng(file);
  }

  @Test
  void mismatchedSeriesAndEmptyChartsFailClearly() {
    assertThrows(
        IllegalArgumentException.class, () -> new Series("a", new double[2], new double[3]));
    assertThrows(IllegalStateException.class, () -> new LineChart("t", "x", "y").build());
  }
}
