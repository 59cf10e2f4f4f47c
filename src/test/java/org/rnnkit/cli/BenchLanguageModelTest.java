package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** {@code rnnkit bench --lm}: the character model's update, as the PyTorch comparison reads it. */
class BenchLanguageModelTest {

  @Test
  void timesTheUpdateAndReportsCharactersPerSecond() {
    CliRun r =
        CliRun.of("bench", "--lm", "10,4,8,2,5,3", "--cell", "lstm", "--seconds", "0.05", "--json");
    assertEquals(0, r.code(), r.err());
    JsonObject line = JsonParser.parseString(r.out().strip()).getAsJsonObject();
    assertEquals("lm", line.get("workload").getAsString());
    assertEquals("10,4,8,2,5,3", line.get("config").getAsString());
    double ms = line.get("train_ms_per_step").getAsDouble();
    assertEquals(15 / (ms / 1e3), line.get("chars_per_s").getAsDouble(), 1e-3 * 15 / (ms / 1e3));
  }

  @Test
  void aBadConfigIsAUserError() {
    CliRun r = CliRun.of("bench", "--lm", "10,4,8", "--cell", "lstm", "--seconds", "0.05");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("V,D,H,L,T,B"), r.err());
  }
}
