package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InfoCommandTest {

  private static String run(int expectedCode, String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(expectedCode, r.code(), () -> "stderr: " + r.err());
    return r.out() + r.err();
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
