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
          "--[no-]refit",
          "--out",
          "--output-format"
        }) {
      assertTrue(help.contains(option), option);
    }
  }

  @Test
  void userErrorsAreOneLineWithExitCode2() {
    for (String[] args :
        new String[][] {
          {"--input", "x.csv", "--out", "o", "--output-format", "json"},
          {"--input", "x.csv", "--out", "o", "--holdout", "5"},
          {"--input", "x.csv", "--out", "o", "--cell", "transformer"},
          {"--input", "x.csv", "--out", "o", "--season", "0"},
          {"--input", "x.csv"},
          {"--input", "x.csv", "--out", "o", "--model", "global", "--combine", "arima"},
          {"--input", "x.csv", "--out", "o", "--model", "local", "--no-refit"},
          {"--input", "x.csv", "--out", "o", "--combine", "none"},
          {"--input", "x.csv", "--out", "o", "--model", "neural"},
        }) {
      String err = run(2, args)[1];
      assertFalse(err.isEmpty() || err.contains("\n"), err);
      assertFalse(err.contains("Exception"), err);
    }
  }
}
