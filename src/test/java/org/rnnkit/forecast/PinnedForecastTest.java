package org.rnnkit.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.Datasets;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.linalg.MatMul;

/**
 * The shipped series' forecasts, bit for bit: every method's point forecast, the network's interval
 * and every metric on AirPassengers' 24-month hold-out, for the default settings cut to a small
 * budget and for one setting of every field away from its default. The expected text in {@code
 * forecast/pinned-airpassengers.txt} was written by the code at commit 7cf19ad, and held bit for
 * bit while the configs became builders and the median and quantile came from commons-math3. It was
 * written once more when the scale {@code sigma} came from commons-math3's {@code Variance} (a
 * corrected two-pass sum instead of the one-pass {@code sumSq - sum^2 / n}): sigma moved by 3 units
 * in the last place and every number here by at most about 3e-14 relative. A refactoring that
 * changes a single bit of any number fails here.
 *
 * <p>The numbers are computed with the pure-Java products: Java's arithmetic is the same on every
 * machine, while OpenBLAS picks its kernel (and with it the rounding of each product) by the CPU it
 * finds, so a bitwise fixture written with it would pin this machine rather than the code.
 */
class PinnedForecastTest {

  static ForecastConfig small() {
    return ForecastConfig.builder().ensemble(2).epochs(6).build();
  }

  /** Every field away from its default (with the same small budget). */
  static ForecastConfig everyFieldChanged() {
    return ForecastConfig.builder()
        .cell(CellType.LSTM)
        .hidden(6)
        .layers(2)
        .window(15)
        .strategy(ForecastConfig.Strategy.RECURSIVE)
        .power(SeriesTransform.Power.BOX_COX)
        .deseasonalize(false)
        .epochs(5)
        .patience(2)
        .learningRate(0.01)
        .batchSize(8)
        .ensemble(2)
        .seed(7)
        .intervalLevel(0.8)
        .maxWindows(70)
        .minEpochs(3)
        .build();
  }

  /** Every number of an evaluation as exact hexadecimal doubles, one labelled line each. */
  static String describe(String label, HoldoutEvaluation eval) {
    StringBuilder s = new StringBuilder("# " + label + "\n");
    RecurrentForecaster.Fitted f = eval.fitted();
    line(s, "lower", f.lower());
    line(s, "upper", f.upper());
    line(s, "intervalQuantile", new double[] {f.intervalQuantile()});
    for (Map.Entry<String, double[]> e : eval.forecasts().entrySet()) {
      line(s, "forecast " + e.getKey(), e.getValue());
    }
    for (var m : eval.metrics().entrySet()) {
      for (var v : m.getValue().entrySet()) {
        line(s, "metric " + m.getKey() + " " + v.getKey(), new double[] {v.getValue()});
      }
    }
    line(s, "coverage", new double[] {eval.coverage()});
    s.append("seasonal ").append(eval.seasonal()).append('\n');
    return s.toString();
  }

  private static void line(StringBuilder s, String name, double[] values) {
    s.append(name);
    for (double v : values) {
      s.append(' ').append(Double.toHexString(v));
    }
    s.append('\n');
  }

  static String actual() throws IOException {
    TimeSeries air = Datasets.load("AirPassengers");
    return describe(
            "defaults, ensemble 2, epochs 6",
            HoldoutEvaluation.run(air, 12, 24, 24, new RecurrentForecaster(small(), 12, null)))
        + describe(
            "every field changed",
            HoldoutEvaluation.run(
                air, 12, 24, 24, new RecurrentForecaster(everyFieldChanged(), 12, null)));
  }

  @Test
  void theShippedSeriesForecastsBitForBitAsBefore() throws IOException {
    MatMul previous = MatMul.current();
    String computed;
    try {
      MatMul.use(MatMul.pureJava());
      computed = actual();
    } finally {
      MatMul.use(previous);
    }
    String expected;
    try (InputStream in =
        PinnedForecastTest.class.getResourceAsStream("/forecast/pinned-airpassengers.txt")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected, computed);
  }
}
