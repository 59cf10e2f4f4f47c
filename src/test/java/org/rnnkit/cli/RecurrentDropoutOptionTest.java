package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --recurrent-dropout} on forecast, text train, speech train and tasks. */
class RecurrentDropoutOptionTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"forecast", "text train", "speech train", "tasks adding"})
  void aProbabilityOutsideZeroToOneIsAUserError(String command) {
    String[] words = command.split(" ");
    String[] args = new String[words.length + 4];
    System.arraycopy(words, 0, args, 0, words.length);
    args[words.length] = "--recurrent-dropout";
    args[words.length + 1] = "1.5";
    args[words.length + 2] = "--out";
    args[words.length + 3] = dir.resolve("out").toString();
    CliRun r = CliRun.of(args);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("recurrent") && r.err().contains("1.5"), r.err());
    assertTrue(r.err().contains("[0, 1)"), r.err());
  }
}
