package org.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The entry point's help and the user errors it finds before starting Spark. */
class SparkCatalogueTest {

  private static String[] run(int expectedCode, String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = SparkCatalogue.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    assertEquals(expectedCode, code, err.toString());
    return new String[] {out.toString(), err.toString().strip()};
  }

  @Test
  void helpListsTheArguments() {
    String help = run(0, "--help")[0];
    for (String option :
        new String[] {
          "--input",
          "--format",
          "--id-column",
          "--date-column",
          "--value-column",
          "--season",
          "--horizon",
          "--holdout",
          "--origins",
          "--model",
          "--combine",
          "--loss",
          "--[no-]refit",
          "--out",
          "--output-format"
        }) {
      assertTrue(help.contains(option), option);
    }
  }

  @Test
  void userErrorsAreOneLineWithExitCode2() {
    // each with what its message must name: exit 2 alone would also come from "cannot read x.csv"
    // when a Spark session is already running in this JVM (another test's)
    String[][] cases = {
      {"--output-format", "--input", "x.csv", "--out", "o", "--output-format", "json"},
      {"--holdout", "--input", "x.csv", "--out", "o", "--holdout", "5"},
      {"transformer", "--input", "x.csv", "--out", "o", "--cell", "transformer"},
      {"--season", "--input", "x.csv", "--out", "o", "--season", "0"},
      {"--out", "--input", "x.csv"},
      {"'arima'", "--input", "x.csv", "--out", "o", "--model", "global", "--combine", "arima"},
      {"'arima'", "--input", "x.csv", "--out", "o", "--combine", "arima"},
      {
        "--combine takes auto, none, or benchmarks",
        "--input",
        "x.csv",
        "--out",
        "o",
        "--model",
        "local",
        "--combine",
        "damped,arima"
      },
      {"--model must be local or global", "--input", "x.csv", "--out", "o", "--model", "neural"},
      {
        "--loss must be mse, mae or huber, got 'l2'",
        "--input",
        "x.csv",
        "--out",
        "o",
        "--model",
        "global",
        "--loss",
        "l2"
      },
      {"--loss applies to --model global only", "--input", "x.csv", "--out", "o", "--loss", "mae"},
    };
    for (String[] c : cases) {
      String err = run(2, java.util.Arrays.copyOfRange(c, 1, c.length))[1];
      assertFalse(err.isEmpty() || err.contains("\n"), err);
      assertFalse(err.contains("Exception"), err);
      assertTrue(err.contains(c[0]), "expected '" + c[0] + "' in: " + err);
    }
  }
}
