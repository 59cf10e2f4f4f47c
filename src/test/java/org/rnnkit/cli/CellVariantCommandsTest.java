package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.io.ModelFile;
import org.rnnkit.nn.cell.CellOptions;
import org.rnnkit.nn.layer.RecurrentStack;

/**
 * {@code --layer-norm}, {@code --peepholes} and {@code --reset-before} on {@code forecast}, {@code
 * text train}, {@code speech train} and {@code tasks}: tiny runs whose model files name the variant
 * and load back into it, and a combination a cell lacks refused with exit code 2 and one line.
 */
class CellVariantCommandsTest {
  @TempDir Path dir;

  private static JsonObject json(Path file) throws IOException {
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  @Test
  void forecastTrainsAndReloadsALayerNormalisedPeepholeLstm() throws IOException {
    Path out = dir.resolve("f");
    CliRun r =
        CliRun.of(
            "forecast",
            "--cell",
            "lstm",
            "--layer-norm",
            "--peepholes",
            "--ensemble",
            "1",
            "--epochs",
            "3",
            "--hidden",
            "4",
            "--quiet",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    JsonObject metrics = json(out.resolve("metrics.json"));
    assertTrue(metrics.get("layer_norm").getAsBoolean() && metrics.get("peepholes").getAsBoolean());
    RecurrentStack stack =
        (RecurrentStack) ModelFile.load(out.resolve("model.npz")).layers().get(0);
    assertEquals(new CellOptions(true, true, false), stack.config().options());
  }

  @Test
  void textTrainsAResetBeforeGruWhoseModelSamples() throws IOException {
    Path corpus = Files.writeString(dir.resolve("cat.txt"), "The cat sat on the mat.\n".repeat(40));
    Path out = dir.resolve("t");
    CliRun r =
        CliRun.of(
            "text",
            "train",
            "--corpus",
            corpus.toString(),
            "--out",
            out.toString(),
            "--cell",
            "gru",
            "--reset-before",
            "--embedding",
            "8",
            "--hidden",
            "8",
            "--layers",
            "1",
            "--seq",
            "16",
            "--batch",
            "4",
            "--epochs",
            "1",
            "--minutes",
            "0",
            "--evaluations",
            "1",
            "--threads",
            "1");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "[\"reset_before\"]", json(out.resolve("metrics.json")).get("cell_variants").toString());
    CliRun sample =
        CliRun.of(
            "text",
            "sample",
            "--model",
            out.resolve("model.npz").toString(),
            "--prime",
            "The ",
            "--length",
            "20",
            "--seed",
            "1");
    assertEquals(0, sample.code(), sample.err());
  }

  @Test
  void tasksTrainsTheLayerNormalisedCell() throws IOException {
    Path out = dir.resolve("k");
    CliRun r =
        CliRun.of(
            "tasks",
            "adding",
            "--length",
            "4",
            "--cell",
            "gru",
            "--layer-norm",
            "--updates",
            "5",
            "--hidden",
            "4",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.size(out.resolve("adding-T4-gru_ln-loss.png")) > 0);
  }

  @Test
  void aVariantTheCellLacksIsAUserError() {
    assertUserError(
        "peepholes are an LSTM variant",
        "forecast",
        "--cell",
        "gru",
        "--peepholes",
        "--out",
        dir.resolve("x").toString());
    assertUserError(
        "the reset-before form is a GRU variant",
        "speech",
        "train",
        "--cell",
        "lstm",
        "--reset-before",
        "--out",
        dir.resolve("y").toString());
    assertUserError(
        "layer normalisation of the reset-before GRU is not supported",
        "text",
        "train",
        "--layer-norm",
        "--reset-before",
        "--out",
        dir.resolve("z").toString());
    assertUserError(
        "layer normalisation is offered for the rnn, lstm and gru cells, not irnn",
        "tasks",
        "adding",
        "--cell",
        "irnn",
        "--layer-norm",
        "--out",
        dir.resolve("w").toString());
  }

  private static void assertUserError(String expected, String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }
}
