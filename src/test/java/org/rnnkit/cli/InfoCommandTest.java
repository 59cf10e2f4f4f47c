package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InfoCommandTest {

  private static String run(int expectedCode, String... args) {
    CommandLine cli = RnnKit.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertEquals(expectedCode, cli.execute(args), () -> "stderr: " + err);
    return out + err.toString();
  }

  @Test
  void infoListsEveryCell() {
    String text = run(0, "info");
    for (String cell : new String[] {"rnn_tanh", "rnn_relu", "lstm", "gru"}) {
      assertTrue(text.contains(cell), text);
    }
    assertTrue(text.contains("rnnkit "), text);
  }

  @Test
  void helpListsSubcommands() {
    assertTrue(run(0, "--help").contains("info"));
  }

  @Test
  void unknownCommandFailsWithUsageError() {
    String text = run(2, "frobnicate");
    assertTrue(text.contains("frobnicate"), text);
  }
}
