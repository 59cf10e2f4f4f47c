package org.rnnkit.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.fuzz.Fuzz;
import org.rnnkit.fuzz.JsonMutations;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.LastStep;
import org.rnnkit.nn.layer.RecurrentStack;

/**
 * Issue 20: random and mutated inputs to the NPY header parser, the NPZ reader and model.json
 * validation end in a {@link ModelFileException} with a message or load, never in another
 * exception, an {@link Error}, a hang or an allocation beyond a bound. Fixed seeds, bounded cases.
 */
@Timeout(60)
class ParserFuzzTest {
  private static final long MIB = 1 << 20;

  @TempDir Path dir;

  @Test
  void mutatedNpyFiles() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.write(NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), out);
    byte[] valid = out.toByteArray();
    int refused =
        Fuzz.mutations(
            valid,
            20,
            400,
            ModelFileException.class,
            MIB,
            b -> Npy.read(new ByteArrayInputStream(b), b.length, "fuzz.npy"));
    assertTrue(refused > 200, refused + " of 400 refused");
  }

  /** Headers assembled from the tokens of the header grammar, in random order and number. */
  @Test
  void generatedNpyHeaders() {
    String[] tokens = {
      "{",
      "}",
      "'descr'",
      "'<f8'",
      "'<i4'",
      "'>f8'",
      "'|u1'",
      "'<c16'",
      "':",
      ":",
      ",",
      "(",
      ")",
      "'shape'",
      "'fortran_order'",
      "True",
      "False",
      "0",
      "1",
      "-1",
      "2147483648",
      "99999999999999999999999",
      "1e3",
      " ",
      "'",
      "\\",
      "L"
    };
    Random rng = new Random(21);
    for (int i = 0; i < 400; i++) {
      StringBuilder dict = new StringBuilder();
      if (rng.nextBoolean()) {
        dict.append("{'descr': '<f8', 'fortran_order': False, 'shape': (");
      }
      for (int n = rng.nextInt(12); n > 0; n--) {
        dict.append(tokens[rng.nextInt(tokens.length)]);
      }
      byte[] header = dict.append('\n').toString().getBytes(StandardCharsets.ISO_8859_1);
      byte[] npy = new byte[10 + header.length + 8 * rng.nextInt(4)];
      System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, 0, npy, 0, 8);
      npy[8] = (byte) header.length;
      npy[9] = (byte) (header.length >> 8);
      System.arraycopy(header, 0, npy, 10, header.length);
      Fuzz.check(
          npy,
          "header " + i + " " + dict.toString().strip(),
          ModelFileException.class,
          MIB,
          b -> Npy.read(new ByteArrayInputStream(b), b.length, "fuzz.npy"));
    }
  }

  @Test
  void mutatedModelArchives() throws IOException {
    Path valid = dir.resolve("valid.npz");
    ModelFile.save(valid, model());
    Path file = dir.resolve("fuzz.npz");
    int refused =
        Fuzz.mutations(
            Files.readAllBytes(valid),
            22,
            200,
            ModelFileException.class,
            16 * MIB,
            b -> {
              Files.write(file, b);
              ModelFile.load(file);
            });
    assertTrue(refused > 100, refused + " of 200 refused");
  }

  @Test
  void mutatedModelDescriptions() throws IOException {
    Path valid = dir.resolve("valid.npz");
    SequenceModel model = model();
    ModelFile.save(valid, model);
    Npz.Contents contents = Npz.read(valid);
    String json = new String(contents.files().get(ModelFile.MODEL_JSON), StandardCharsets.UTF_8);
    Path file = dir.resolve("fuzz.npz");
    Random rng = new Random(23);
    for (int i = 0; i < 200; i++) {
      byte[] mutated =
          i % 3 == 0
              ? Fuzz.mutate(json.getBytes(StandardCharsets.UTF_8), rng)
              : JsonMutations.mutate(json, rng);
      ByteArrayOutputStream zip = new ByteArrayOutputStream();
      Npz.write(zip, contents.arrays(), Map.of(ModelFile.MODEL_JSON, mutated));
      Files.write(file, zip.toByteArray());
      Fuzz.check(
          mutated,
          "model.json case " + i,
          ModelFileException.class,
          16 * MIB,
          b -> ModelFile.load(file));
    }
  }

  private static SequenceModel model() {
    Random rng = new Random(3);
    return new SequenceModel(
        new RecurrentStack(new RecurrentStack.Config(CellType.LSTM, 2, 3, 2, true, true, 0), rng),
        new LastStep(),
        new Dense("head", 6, 2, Activation.IDENTITY, rng));
  }
}
