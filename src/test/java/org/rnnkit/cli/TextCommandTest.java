package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.text.CharModel;
import org.rnnkit.text.Vocabulary;

/** {@code rnnkit text train} and {@code text sample}: a tiny run end to end, and bad input. */
class TextCommandTest {
  @TempDir static Path dir;
  static Path corpus;
  static Path model;

  private static final String[] TINY = {
    "--embedding",
    "8",
    "--hidden",
    "16",
    "--layers",
    "1",
    "--seq",
    "16",
    "--batch",
    "4",
    "--epochs",
    "3",
    "--minutes",
    "0",
    "--evaluations",
    "1",
    "--threads",
    "1"
  };

  @BeforeAll
  static void trainTinyModel() throws IOException {
    corpus = Files.writeString(dir.resolve("cat.txt"), "The cat sat on the mat.\n".repeat(40));
    String[] args = new String[TINY.length + 6];
    System.arraycopy(
        new String[] {
          "text", "train", "--corpus", corpus.toString(), "--out", dir.resolve("run").toString()
        },
        0,
        args,
        0,
        6);
    System.arraycopy(TINY, 0, args, 6, TINY.length);
    CliRun r = CliRun.of(args);
    assertEquals(0, r.code(), r.err());
    model = dir.resolve("run/model.npz");
  }

  @Test
  void trainWritesEveryOutput() throws IOException {
    Path run = dir.resolve("run");
    for (String f : new String[] {"model.npz", "loss.png", "samples.txt", "metrics.json"}) {
      assertTrue(Files.size(run.resolve(f)) > 0, f);
    }
    JsonObject m =
        JsonParser.parseString(Files.readString(run.resolve("metrics.json"))).getAsJsonObject();
    for (String key :
        new String[] {"bpc", "nats", "unigram_bpc", "vocab", "chars_per_second", "parameters"}) {
      assertTrue(m.has(key), key);
    }
    assertEquals(m.get("nats").getAsDouble() / Math.log(2), m.get("bpc").getAsDouble(), 1e-12);
    assertTrue(m.get("bpc").getAsDouble() < m.get("unigram_bpc").getAsDouble(), m.toString());
    String samples = Files.readString(run.resolve("samples.txt"));
    assertTrue(samples.contains("temperature 0.5") && samples.contains("temperature 1.0"), samples);
  }

  @Test
  void sampleIsReproducibleForASeed() {
    String[] args = {
      "text",
      "sample",
      "--model",
      model.toString(),
      "--prime",
      "The ",
      "--length",
      "50",
      "--seed",
      "3"
    };
    CliRun a = CliRun.of(args);
    assertEquals(0, a.code(), a.err());
    assertTrue(a.out().startsWith("The "), a.out());
    assertEquals(a.out(), CliRun.of(args).out());
  }

  private static void assertUserError(String expected, String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
  }

  private static String[] train(Path file) {
    String[] args = new String[TINY.length + 6];
    System.arraycopy(
        new String[] {
          "text", "train", "--corpus", file.toString(), "--out", dir.resolve("bad").toString()
        },
        0,
        args,
        0,
        6);
    System.arraycopy(TINY, 0, args, 6, TINY.length);
    return args;
  }

  @Test
  void badCorporaExitWithCodeTwoAndOneLine() throws IOException {
    assertUserError("no such file", train(dir.resolve("missing.txt")));
    assertUserError("is empty", train(Files.createFile(dir.resolve("empty.txt"))));
    assertUserError(
        "looks binary (a NUL byte at offset 3)",
        train(Files.write(dir.resolve("binary.bin"), new byte[] {'a', 'b', 'c', 0, 1, 2})));
    assertUserError(
        "is not UTF-8 text (byte 0xE9 at offset 3",
        train(
            Files.write(
                dir.resolve("latin1.txt"),
                "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1))));
    assertUserError(
        "need at least",
        train(Files.writeString(dir.resolve("short.txt"), "a short text, shorter than one chunk")));
  }

  @Test
  void badSamplingRequestsExitWithCodeTwoAndOneLine() throws IOException {
    String m = model.toString();
    assertUserError("'Z' (U+005A)", "text", "sample", "--model", m, "--prime", "Zebra");
    assertUserError(
        "--temperature must be a positive number",
        "text",
        "sample",
        "--model",
        m,
        "--temperature",
        "0");
    assertUserError(
        "--temperature must be a positive number",
        "text",
        "sample",
        "--model",
        m,
        "--temperature",
        "-0.5");
    assertUserError("--top-k must be at least 1", "text", "sample", "--model", m, "--top-k", "0");
    assertUserError(
        "no such file", "text", "sample", "--model", dir.resolve("nope.npz").toString());
    // a forecaster's model file is an rnnkit model, but not a text model
    CharModel other =
        new CharModel(
            Vocabulary.of("ab", Vocabulary.Unknown.REJECT),
            new CharModel.Architecture(org.rnnkit.nn.cell.CellType.GRU, 2, 2, 1),
            new Random(0));
    JsonObject arch = new JsonObject();
    arch.addProperty("kind", "recurrent_forecaster");
    Path forecaster = dir.resolve("forecaster.npz");
    org.rnnkit.io.ModelFile.save(forecaster, other.network(), arch);
    assertUserError("is not a text model", "text", "sample", "--model", forecaster.toString());
    Path notAModel = Files.writeString(dir.resolve("notes.npz"), "hello");
    assertUserError("notes.npz", "text", "sample", "--model", notAModel.toString());
  }
}
