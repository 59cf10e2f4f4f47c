package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 20: what a careless user gives the command line ends in one line naming the problem and the
 * fix, with exit code 2, before any training.
 */
class CarelessInputTest {
  @TempDir Path dir;

  /** A monthly CSV of 48 values, {@code value} in column 2. */
  private static String csv(String special) {
    StringBuilder sb = new StringBuilder("date,value\n");
    for (int i = 0; i < 48; i++) {
      sb.append("%d-%02d,%s\n".formatted(1990 + i / 12, i % 12 + 1, i == 30 ? special : 100 + i));
    }
    return sb.toString();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static String userError(String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(RnnKit.USER_ERROR, r.code(), r.err() + r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    return r.err();
  }

  private String forecast(Path data) {
    return userError(
        "forecast",
        "--data",
        data.toString(),
        "--holdout",
        "6",
        "--window",
        "8",
        "--epochs",
        "1",
        "--ensemble",
        "1",
        "--hidden",
        "2",
        "--quiet",
        "--out",
        dir.resolve("out").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ISO-8859-1", "UTF-16", "UTF-16LE"})
  void aCsvInAnotherEncodingIsNamedAsNotUtf8(String charset) throws IOException {
    String m =
        forecast(
            write(
                "sales.csv",
                csv("100").replace("value", "valué").getBytes(Charset.forName(charset))));
    assertTrue(m.contains("not UTF-8") || m.contains("UTF-16 text"), m);
    assertTrue(m.contains("offset") || m.contains("byte order mark"), m);
  }

  @Test
  void aBinaryFileIsNamedAsNotUtf8() throws IOException {
    // the start of a PNG: 0x89 'P' 'N' 'G' CR LF 0x1A LF, then a NUL at offset 8
    byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    String m = forecast(write("data.csv", bytes));
    assertTrue(m.contains("not UTF-8 text") && m.contains("offset 8"), m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e308", "-1.7e308", "1e200"})
  void valuesThatOverflowTheArithmeticAreNamedBeforeTraining(String value) throws IOException {
    String m = forecast(write("big.csv", csv(value).getBytes(StandardCharsets.UTF_8)));
    assertTrue(m.contains("1992-07") && m.contains("overflow"), m);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "forecast --bogus",
        "forecast --hidden",
        "text train --nope",
        "speech predict --model",
        "tasks --length",
        "gradients --cells",
        "bench --config"
      })
  void aParseErrorIsOneLineThatPointsToHelp(String args) {
    String m = userError(args.split(" "));
    assertTrue(m.contains("see --help"), m);
  }
}
