package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 20: every size option is checked before work starts, in arithmetic that cannot overflow,
 * and a run whose memory estimate exceeds the JVM's maximum heap (or whose matrix exceeds Java's
 * array limit) is refused in one line naming the option, the estimate and the limit, instead of an
 * OutOfMemoryError or an overflowed index after minutes.
 */
@Timeout(30)
class SizeBoundsTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "forecast --window 2147483647 | a window of 2147483647",
        "forecast --holdout 0 --horizon 2000000000 | a horizon of 2000000000",
        "forecast --hidden 20000 | --hidden 20000",
        "forecast --hidden 100000 | --hidden 100000",
        "forecast --layers 100000 | --layers 100000",
        "forecast --ensemble 2147483647 | --ensemble 2147483647",
        "forecast --season 2147483647 | --season",
        "tasks adding --length 100000000 --hidden 2 | --length 100000000",
        "bench --config 1,20000,1,1 | --config 1,20000,1,1",
        "gradients --length 100000000 | --length 100000000",
        "text train --hidden 50000 | --hidden 50000",
        "speech train --layers 1000000 | --layers 1000000",
      })
  void aSizeThatCannotFitIsRefusedBeforeWorkStarts(String command, String named) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    if (!command.startsWith("bench")) {
      args.addAll(List.of("--out", dir.resolve("out").toString()));
    }
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(RnnKit.USER_ERROR, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertTrue(r.err().contains(named), r.err());
    assertTrue(
        r.err().contains("heap")
            || r.err().contains("Java array")
            || r.err().contains("at least")
            || r.err().contains("at most"),
        r.err());
    assertFalse(Files.exists(dir.resolve("out")), "nothing is written before the check");
  }
}
