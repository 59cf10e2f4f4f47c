package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bench command: a tiny real run in both output forms, and bad arguments. */
class BenchCommandTest {
  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void jsonGivesOneObjectPerCellAndConfig() {
    CliRun r =
        run("bench", "--cell", "lstm,gru", "--config", "2,3,4,2", "--seconds", "0.05", "--json");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().trim().split("\n");
    assertEquals(2, lines.length, r.out());
    JsonObject o = JsonParser.parseString(lines[0]).getAsJsonObject();
    assertEquals("lstm", o.get("cell").getAsString());
    assertEquals("2,3,4,2", o.get("config").getAsString());
    assertEquals(1, o.get("threads").getAsInt());
    for (String key :
        new String[] {"train_ms_per_step", "infer_ms_per_step", "train_gflops", "bytes_per_step"}) {
      assertTrue(o.has(key) && o.get(key).getAsDouble() >= 0, key + " in " + lines[0]);
    }
    assertEquals(
        "gru", JsonParser.parseString(lines[1]).getAsJsonObject().get("cell").getAsString());
  }

  @Test
  void tableHasAHeaderAndARow() {
    CliRun r = run("bench", "--cell", "rnn", "--config", "1,2,3,2", "--seconds", "0.05");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("train ms") && r.out().contains("rnn      1,2,3,2"), r.out());
  }

  @ParameterizedTest
  @CsvSource({
    "--cell, tree, unknown cell",
    "--config, huge, 'config must be small, medium, large or I,H,T,B'",
    "--config, '1,2,3', 'config must be'",
    "--config, '1,0,3,4', every size must be at least 1",
    "--threads, 0, --threads must be a whole number",
    "--seconds, -1, --seconds must be"
  })
  void badArgumentsExitWithTwoAndOneLine(String option, String value, String message) {
    CliRun r = run("bench", option, value);
    assertEquals(2, r.code());
    assertEquals(1, r.err().trim().lines().count(), r.err());
    assertTrue(r.err().contains(message), r.err());
  }
}
