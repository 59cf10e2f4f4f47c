package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: forecast's --out is checked before training, and a run's outputs are all old or all
 * new: written into a fresh sibling folder renamed into place ({@link RunFolder}), with what killed
 * runs left behind cleaned up.
 */
class OutputFolderTest {
  private static final List<String> OUTPUTS =
      List.of("forecast.csv", "metrics.json", "forecast.png", "loss.png", "model.npz");

  @TempDir Path dir;

  private static CliRun forecast(String out, String seed) {
    return CliRun.of(
        "forecast",
        "--epochs",
        "2",
        "--ensemble",
        "1",
        "--hidden",
        "4",
        "--quiet",
        "--seed",
        seed,
        "--out",
        out);
  }

  private static void assertUserError(CliRun r, String message) {
    assertEquals(RnnKit.USER_ERROR, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains(message), r.err());
  }

  @Test
  void aFileAsOutIsRefusedBeforeTraining() throws IOException {
    Path file = Files.writeString(dir.resolve("existing.txt"), "keep me");
    long start = System.nanoTime();
    assertUserError(forecast(file.toString(), "1"), "is a file; give a folder");
    assertEquals("keep me", Files.readString(file));
    assertTrue((System.nanoTime() - start) / 1e9 < 5, "refused before training");
  }

  @Test
  void anEmptyOutAndTheCurrentFolderAreRefused() {
    assertUserError(forecast("", "1"), "--out is empty");
    assertUserError(forecast(".", "1"), "current folder");
  }

  @Test
  void anUnwritableOutSaysSoBeforeTraining() throws IOException {
    // /proc refuses new entries even to root
    assertUserError(forecast("/proc/rnnkit-x", "1"), "cannot write to --out /proc/rnnkit-x");
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    assertTrue(readOnly.toFile().setWritable(false));
    try {
      if (!Files.isWritable(readOnly)) { // root ignores the permission
        assertUserError(forecast(readOnly.resolve("x").toString(), "1"), "cannot write to --out");
      }
    } finally {
      assertTrue(readOnly.toFile().setWritable(true));
    }
  }

  @Test
  void aFolderHoldingOtherFilesIsRefused() throws IOException {
    Path out = Files.createDirectory(dir.resolve("results"));
    Files.writeString(out.resolve("notes.md"), "mine");
    assertUserError(forecast(out.toString(), "1"), "notes.md");
    assertEquals("mine", Files.readString(out.resolve("notes.md")));
  }

  /**
   * An earlier run whose model.npz cannot be overwritten (it became a folder): before, the run
   * replaced forecast.csv, metrics.json and the charts, then failed, leaving a mix. Now the outputs
   * are either all the earlier run's or all the new run's.
   */
  @Test
  void theOutputsAreAllOldOrAllNew() throws IOException {
    Path out = Files.createDirectory(dir.resolve("run"));
    for (String name : OUTPUTS) {
      Files.writeString(out.resolve(name), "old " + name);
    }
    Files.delete(out.resolve("model.npz"));
    Files.createDirectory(out.resolve("model.npz"));
    CliRun r = forecast(out.toString(), "7");
    long old =
        OUTPUTS.stream().filter(n -> !n.equals("model.npz")).filter(n -> isOld(out, n)).count();
    if (r.code() == 0) {
      assertEquals(0, old, "a finished run replaced every output: " + r.err());
      assertTrue(Files.isRegularFile(out.resolve("model.npz")));
    } else {
      assertEquals(4, old, "a failed run left every earlier output: " + r.err());
    }
  }

  /** What killed runs left (a staging folder, a temporary file) is gone after the next run. */
  @Test
  void whatKilledRunsLeftIsCleanedUp() throws IOException {
    Path out = dir.resolve("run");
    assertEquals(0, forecast(out.toString(), "1").code());
    String first = Files.readString(out.resolve("metrics.json"));
    Path staleTemp = Files.writeString(out.resolve(".forecast.png.0123456789abcdef.tmp"), "x");
    Path staleStaging = Files.createDirectory(dir.resolve(".run.new-0123456789abcdef"));
    Files.writeString(staleStaging.resolve("forecast.csv"), "half");
    assertEquals(0, forecast(out.toString(), "2").code());
    assertFalse(Files.exists(staleTemp));
    assertFalse(Files.exists(staleStaging));
    assertNotEquals(first, Files.readString(out.resolve("metrics.json")));
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(List.of(out), siblings.toList(), "only the run folder remains");
    }
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(
          Set.copyOf(OUTPUTS), Set.copyOf(files.map(p -> p.getFileName().toString()).toList()));
    }
  }

  /** A run killed between its two renames left the earlier folder aside: it is put back. */
  @Test
  void anEarlierRunSetAsideIsPutBack() throws IOException {
    Path aside = Files.createDirectory(dir.resolve(".run.old-0123456789abcdef"));
    Files.writeString(aside.resolve("forecast.csv"), "earlier");
    Path out = dir.resolve("run");
    try (RunFolder run = RunFolder.prepare(out, Set.copyOf(OUTPUTS))) {
      assertEquals("earlier", Files.readString(out.resolve("forecast.csv")));
      Files.writeString(run.staging().resolve("forecast.csv"), "half-written");
      // not committed: closing drops the new outputs and keeps the earlier run
    }
    assertEquals("earlier", Files.readString(out.resolve("forecast.csv")));
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(List.of(out), siblings.toList());
    }
  }

  private static boolean isOld(Path out, String name) {
    try {
      return Files.readString(out.resolve(name), java.nio.charset.StandardCharsets.ISO_8859_1)
          .equals("old " + name);
    } catch (IOException e) {
      return false;
    }
  }
}
