package org.rnnkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.RecurrentStack;

class ModelFileTest {
  private static final int INPUT = 2;

  @TempDir Path dir;

  /** A two-layer bidirectional LSTM with a dense head on every step. */
  private static SequenceModel model(int hidden, long seed) {
    Random rng = new Random(seed);
    RecurrentStack stack =
        new RecurrentStack(
            new RecurrentStack.Config(CellType.LSTM, INPUT, hidden, 2, true, true), rng);
    return new SequenceModel(stack, new Dense("head", 2 * hidden, 1, Activation.IDENTITY, rng));
  }

  private static SequenceModel stackOnly(int hidden, long seed) {
    return new SequenceModel(
        new RecurrentStack(
            new RecurrentStack.Config(CellType.LSTM, INPUT, hidden, 2, true, true),
            new Random(seed)));
  }

  private static JsonObject architecture(int hidden) {
    JsonObject a = new JsonObject();
    a.addProperty("cell", "lstm");
    a.addProperty("input_size", INPUT);
    a.addProperty("hidden_size", hidden);
    a.addProperty("layers", 2);
    a.addProperty("bidirectional", true);
    return a;
  }

  private static Sequence input() {
    Random rng = new Random(99);
    Sequence x = new Sequence(5, 3, INPUT);
    DMatrixRMaj v = x.values();
    for (int i = 0; i < v.getNumElements(); i++) {
      v.data[i] = rng.nextGaussian();
    }
    return x;
  }

  private static double[] output(SequenceModel m) {
    Sequence y = m.forward(input(), false);
    return Arrays.copyOf(y.values().data, y.values().getNumElements());
  }

  /** Every parameter's values, to check that a failed load changed nothing. */
  private static List<double[]> values(SequenceModel m) {
    List<double[]> all = new ArrayList<>();
    for (Parameter p : m.parameters()) {
      all.add(Arrays.copyOf(p.value().data, p.size()));
    }
    return all;
  }

  private static void assertSameValues(List<double[]> expected, SequenceModel m) {
    List<double[]> actual = values(m);
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i));
    }
  }

  private Path saved(SequenceModel m) throws IOException {
    Path file = dir.resolve("model.rnnkit.npz");
    ModelFile.save(file, m, architecture(3));
    return file;
  }

  private static String loadFailure(Path file, SequenceModel into) {
    List<double[]> before = values(into);
    String m =
        assertThrows(ModelFileException.class, () -> ModelFile.load(file, into)).getMessage();
    assertSameValues(before, into);
    return m;
  }

  /** Rewrites the model.json of {@code file} through {@code edit}. */
  private static void editModelJson(Path file, java.util.function.Consumer<JsonObject> edit)
      throws IOException {
    Npz.Contents c = Npz.read(file);
    JsonObject json =
        JsonParser.parseString(new String(c.files().get("model.json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
    edit.accept(json);
    Npz.write(
        file, c.arrays(), Map.of("model.json", json.toString().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void roundTripGivesBitwiseIdenticalOutputs() throws IOException {
    SequenceModel original = model(3, 1);
    JsonObject metadata = new JsonObject();
    metadata.addProperty("epochs", 12);
    Map<String, NdArray> extras = new LinkedHashMap<>();
    extras.put("optimizer.adam.m.weight_ih_l0", NdArray.of(new double[] {1, 2, 3}, 3));
    extras.put("optimizer.adam.step", NdArray.of(new double[] {40}));
    Path file = dir.resolve("m.npz");
    ModelFile.save(file, original, architecture(3), metadata, extras);

    SequenceModel fresh = model(3, 2);
    assertFalse(Arrays.equals(output(original), output(fresh)), "different initialisation");
    ModelFile.Contents contents = ModelFile.load(file, fresh);
    assertArrayEquals(output(original), output(fresh));
    assertSameValues(values(original), fresh);
    assertEquals(architecture(3), contents.architecture());
    assertEquals(metadata, contents.metadata());
    assertEquals(extras, contents.extras());
  }

  @Test
  void fileHoldsPytorchNamesAndShapesAndModelJson() throws IOException {
    SequenceModel m = model(3, 1);
    Path file = saved(m);
    Npz.Contents c = Npz.read(file);
    List<String> names = m.parameters().stream().map(Parameter::name).toList();
    assertEquals(names, List.copyOf(c.arrays().keySet()));
    assertTrue(names.containsAll(List.of("weight_ih_l0", "bias_hh_l1_reverse", "head.weight")));
    assertArrayEquals(new int[] {12, 2}, c.arrays().get("weight_ih_l0").shape());
    assertArrayEquals(new int[] {12, 6}, c.arrays().get("weight_ih_l1_reverse").shape());
    assertArrayEquals(new int[] {12}, c.arrays().get("bias_ih_l0").shape());
    assertArrayEquals(new int[] {1, 6}, c.arrays().get("head.weight").shape());
    assertArrayEquals(new int[] {1}, c.arrays().get("head.bias").shape());
    JsonObject json =
        JsonParser.parseString(new String(c.files().get("model.json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
    assertEquals("rnnkit-model", json.get("format").getAsString());
    assertEquals(ModelFile.FORMAT_VERSION, json.get("format_version").getAsInt());
    assertEquals(architecture(3), json.getAsJsonObject("architecture"));
    assertEquals(new JsonObject(), json.getAsJsonObject("metadata"));
    assertEquals(names.size(), json.getAsJsonArray("parameters").size());
  }

  /** Each .npy entry starts with exactly the version 1.0 header the format specifies. */
  @Test
  void everyEntryHasTheSpecifiedNpyHeader() throws IOException {
    SequenceModel m = model(3, 1);
    Path file = saved(m);
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (Parameter p : m.parameters()) {
        ZipEntry entry = zip.getEntry(p.name() + ".npy");
        int[] shape = ParameterArrays.pytorchShape(p);
        byte[] expected = Npy.header(shape);
        try (InputStream in = zip.getInputStream(entry)) {
          assertArrayEquals(expected, in.readNBytes(expected.length), p.name());
        }
        assertEquals(expected.length + 8L * p.size(), entry.getSize());
        assertEquals(0, expected.length % 64);
      }
    }
  }

  @Test
  void readGivesArchitectureWithoutAModel() throws IOException {
    Path file = saved(model(3, 1));
    ModelFile.Contents c = ModelFile.read(file);
    assertEquals(3, c.architecture().get("hidden_size").getAsInt());
    SequenceModel rebuilt = model(c.architecture().get("hidden_size").getAsInt(), 5);
    ModelFile.load(file, rebuilt);
    assertArrayEquals(output(model(3, 1)), output(rebuilt));
  }

  @Test
  void shapeMismatchNamesParameterAndShapesAndLeavesModelUnchanged() throws IOException {
    Path file = saved(model(3, 1));
    String m = loadFailure(file, model(4, 1));
    assertTrue(
        m.contains("parameter weight_ih_l0: the model has shape (16, 2), the file (12, 2)"), m);
    assertFalse(m.contains("head.bias"), "head.bias has shape (1,) in both: " + m);
    assertTrue(m.contains("left unchanged") && m.contains("architecture"), m);
  }

  @Test
  void missingParameterIsNamed() throws IOException {
    Path file = dir.resolve("stack.npz");
    ModelFile.save(file, stackOnly(3, 1), architecture(3));
    String m = loadFailure(file, model(3, 1));
    assertTrue(m.contains("parameter head.weight (1, 6) is missing from the file"), m);
    assertTrue(m.contains("parameter head.bias (1,) is missing"), m);
  }

  @Test
  void unknownParametersAreRejectedUnlessIgnored() throws IOException {
    Path file = saved(model(3, 1));
    SequenceModel stack = stackOnly(3, 7);
    String m = loadFailure(file, stack);
    assertTrue(
        m.contains("the file has parameters the model lacks: [head.weight, head.bias]")
            && m.contains("Unknown.IGNORE"),
        m);
    ModelFile.load(file, stack, ModelFile.Unknown.IGNORE);
    SequenceModel full = model(3, 1);
    for (Parameter p : stack.parameters()) {
      assertArrayEquals(
          Arrays.copyOf(full.parameter(p.name()).value().data, p.size()),
          Arrays.copyOf(p.value().data, p.size()));
    }
  }

  @Test
  void newerFormatVersionAsksForAnUpgrade() throws IOException {
    Path file = saved(model(3, 1));
    editModelJson(file, j -> j.addProperty("format_version", ModelFile.FORMAT_VERSION + 1));
    String m = loadFailure(file, model(3, 2));
    assertTrue(
        m.contains("format_version " + (ModelFile.FORMAT_VERSION + 1))
            && m.contains("upgrade rnnkit"),
        m);
    editModelJson(file, j -> j.addProperty("format_version", 0));
    assertTrue(loadFailure(file, model(3, 2)).contains("does not exist"));
    editModelJson(file, j -> j.addProperty("format_version", "1"));
    assertTrue(loadFailure(file, model(3, 2)).contains("integer format_version"));
  }

  @Test
  void wrongFormatNameOrMissingModelJsonIsNotAModelFile() throws IOException {
    Path file = saved(model(3, 1));
    editModelJson(file, j -> j.addProperty("format", "keras"));
    assertTrue(loadFailure(file, model(3, 2)).contains("not an rnnkit model file"));
    Npz.write(file, Npz.read(file).arrays());
    String m = loadFailure(file, model(3, 2));
    assertTrue(m.contains("has no model.json") && m.contains("importStateDict"), m);
  }

  @Test
  void arraysNotListedInModelJsonAreRefused() throws IOException {
    Path file = saved(model(3, 1));
    editModelJson(file, j -> j.getAsJsonArray("parameters").remove(0));
    String m = loadFailure(file, model(3, 2));
    assertTrue(m.contains("array weight_ih_l0 is listed neither"), m);
  }

  @Test
  void truncatedFileFailsAndLeavesModelUnchanged() throws IOException {
    Path file = saved(model(3, 1));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length * 2 / 3));
    assertTrue(loadFailure(file, model(3, 2)).contains("truncated or damaged ZIP"));
  }

  @Test
  void nonZipFileIsNamed() throws IOException {
    Path file = dir.resolve("weights.bin");
    Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    String m = loadFailure(file, model(3, 2));
    assertTrue(m.contains("weights.bin is not a ZIP/.npz file"), m);
  }

  @Test
  void entryEscapingTheArchiveIsRefused() throws IOException {
    Path file = saved(model(3, 1));
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        try (InputStream in = zip.getInputStream(e)) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    }
    entries.put("../x", new byte[] {1});
    Files.write(file, ZipBytes.zip(entries, ZipEntry.DEFLATED));
    String m = loadFailure(file, model(3, 2));
    assertTrue(m.contains("entry named '../x'"), m);
  }

  /**
   * Damaged bytes all over the file (every seventh byte, to keep the test short): the load fails,
   * leaving the model as it was, or loads exactly the saved values.
   */
  @Test
  void flippedBytesFailCleanlyOrLoadTheSavedValues() throws IOException {
    Random rng = new Random(1);
    SequenceModel original =
        new SequenceModel(
            new RecurrentStack(new RecurrentStack.Config(CellType.GRU, 1, 1), rng),
            new Dense("head", 1, 1, Activation.IDENTITY, rng));
    Path good = dir.resolve("small.npz");
    ModelFile.save(good, original, architecture(1));
    byte[] bytes = Files.readAllBytes(good);
    Path bad = dir.resolve("bad.npz");
    List<double[]> saved = values(original);
    int tried = 0;
    int noticed = 0;
    for (int i = 0; i < bytes.length; i += 7) {
      byte[] flipped = bytes.clone();
      flipped[i] ^= 0x01;
      Files.write(bad, flipped);
      SequenceModel target =
          new SequenceModel(
              new RecurrentStack(new RecurrentStack.Config(CellType.GRU, 1, 1), new Random(2)),
              new Dense("head", 1, 1, Activation.IDENTITY, new Random(3)));
      List<double[]> before = values(target);
      tried++;
      try {
        ModelFile.load(bad, target);
        assertSameValues(saved, target);
      } catch (ModelFileException e) {
        noticed++;
        assertSameValues(before, target);
      }
    }
    assertTrue(noticed > tried / 2, noticed + " of " + tried);
  }

  @Test
  void importsAPytorchStateDictAndMatchesPytorchOutputs() throws IOException {
    Random rng = new Random(3);
    SequenceModel m =
        new SequenceModel(
            new RecurrentStack(new RecurrentStack.Config(CellType.LSTM, 2, 3), rng),
            new Dense("head", 3, 1, Activation.IDENTITY, rng));
    ModelFile.importStateDict(Fixtures.path("pytorch_lstm_state_dict.npz"), m);
    Npz.Contents io = Npz.read(Fixtures.path("pytorch_lstm_io.npz"));
    NdArray x = io.arrays().get("x");
    NdArray y = io.arrays().get("y");
    Sequence in = new Sequence(x.dim(0), x.dim(1), x.dim(2));
    System.arraycopy(x.data(), 0, in.values().data, 0, x.size());
    Sequence out = m.forward(in, false);
    for (int i = 0; i < y.size(); i++) {
      assertEquals(y.data()[i], out.values().data[i], 1e-12, "output " + i);
    }
    for (Parameter p : m.parameters()) {
      for (int i = 0; i < p.size(); i++) {
        double v = p.value().data[i];
        assertEquals((double) (float) v, v, p.name() + ": float32 values widen exactly");
      }
    }
  }

  @Test
  void stateDictNamesMustMatch() throws IOException {
    SequenceModel m = model(3, 1);
    List<double[]> before = values(m);
    String msg =
        assertThrows(
                ModelFileException.class,
                () -> ModelFile.importStateDict(Fixtures.path("pytorch_lstm_state_dict.npz"), m))
            .getMessage();
    assertFalse(msg.contains("parameter weight_ih_l0 "), msg);
    assertTrue(msg.contains("parameter weight_ih_l1 (12, 6) is missing"), msg);
    assertTrue(msg.contains("the model has shape (1, 6), the file (1, 3)"), msg);
    assertSameValues(before, m);
  }

  @Test
  void exportWritesAPlainStateDictThatImportsBack() throws IOException {
    SequenceModel m = model(3, 1);
    Path file = dir.resolve("state_dict.npz");
    ModelFile.exportStateDict(m, file);
    Npz.Contents c = Npz.read(file);
    assertTrue(c.files().isEmpty(), "no model.json in a state_dict export");
    assertEquals(
        m.parameters().stream().map(Parameter::name).toList(), List.copyOf(c.arrays().keySet()));
    SequenceModel fresh = model(3, 2);
    ModelFile.importStateDict(file, fresh);
    assertArrayEquals(output(m), output(fresh));
  }

  /** LSTM (H = 3), last step, batch norm "norm" with running statistics set, head. */
  private static SequenceModel batchNormModel(long seed, boolean trained) {
    Random rng = new Random(seed);
    var norm = new org.rnnkit.nn.layer.BatchNorm("norm", 3);
    if (trained) {
      norm.setRunningStatistics(new double[] {0.2, -0.1, 0.4}, new double[] {0.5, 2, 1.25}, 42);
    }
    return new SequenceModel(
        new RecurrentStack(new RecurrentStack.Config(CellType.LSTM, INPUT, 3), rng),
        new org.rnnkit.nn.layer.LastStep(),
        norm,
        new Dense("head", 3, 1, Activation.IDENTITY, rng));
  }

  @Test
  void batchNormRunningStatisticsExportAndImportUnderPytorchNames() throws IOException {
    SequenceModel m = batchNormModel(1, true);
    Path file = dir.resolve("bn_state_dict.npz");
    ModelFile.exportStateDict(m, file);
    Map<String, NdArray> arrays = Npz.read(file).arrays();
    // BatchNorm1d's state_dict order: weight, bias, then its three buffers
    assertEquals(
        List.of(
            "weight_ih_l0",
            "weight_hh_l0",
            "bias_ih_l0",
            "bias_hh_l0",
            "norm.weight",
            "norm.bias",
            "norm.running_mean",
            "norm.running_var",
            "norm.num_batches_tracked",
            "head.weight",
            "head.bias"),
        List.copyOf(arrays.keySet()));
    // BatchNorm1d's weight is (F,), as its bias: a strict load_state_dict refuses (1, F)
    assertArrayEquals(new int[] {3}, arrays.get("norm.weight").shape());
    assertArrayEquals(new int[] {3}, arrays.get("norm.running_var").shape());
    assertArrayEquals(new int[0], arrays.get("norm.num_batches_tracked").shape());

    SequenceModel fresh = batchNormModel(2, false);
    ModelFile.importStateDict(file, fresh);
    var norm = (org.rnnkit.nn.layer.BatchNorm) fresh.layers().get(2);
    assertArrayEquals(new double[] {0.2, -0.1, 0.4}, norm.runningMean(), 0);
    assertArrayEquals(new double[] {0.5, 2, 1.25}, norm.runningVariance(), 0);
    assertEquals(42, norm.batchesTracked());
    assertArrayEquals(output(m), output(fresh));
  }

  @Test
  void aStateDictWithoutTheRunningStatisticsIsRefusedAndChangesNothing() throws IOException {
    SequenceModel m = batchNormModel(1, true);
    Path file = dir.resolve("bn_state_dict.npz");
    Map<String, NdArray> arrays = new LinkedHashMap<>();
    for (Parameter p : m.parameters()) {
      arrays.put(p.name(), ParameterArrays.toArray(p));
    }
    arrays.put("norm.running_var", NdArray.of(new double[] {1, -1, 1}, 3));
    Npz.write(file, arrays);
    SequenceModel fresh = batchNormModel(2, false);
    List<double[]> before = values(fresh);
    String msg =
        assertThrows(ModelFileException.class, () -> ModelFile.importStateDict(file, fresh))
            .getMessage();
    assertTrue(msg.contains("buffer norm.running_mean [3] is missing"), msg);
    assertTrue(msg.contains("buffer norm.num_batches_tracked [] is missing"), msg);
    assertTrue(msg.contains("export the module's whole state_dict"), msg);
    assertSameValues(before, fresh);
    assertArrayEquals(
        new double[] {1, 1, 1},
        ((org.rnnkit.nn.layer.BatchNorm) fresh.layers().get(2)).runningVariance(),
        0);
  }

  @Test
  void extrasMayNotTakeParameterNames() throws IOException {
    Path file = saved(model(3, 1));
    byte[] before = Files.readAllBytes(file);
    Map<String, NdArray> clash = Map.of("head.bias", NdArray.of(new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> ModelFile.save(file, model(3, 2), architecture(3), new JsonObject(), clash));
    Map<String, NdArray> unsafe = Map.of("../optimizer", NdArray.of(new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> ModelFile.save(file, model(3, 2), architecture(3), new JsonObject(), unsafe));
    assertArrayEquals(before, Files.readAllBytes(file));
    assertOnlyFile(file);
  }

  /** A save that fails midway leaves the old file byte for byte and no temporary file. */
  @Test
  void failedSaveLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = saved(model(3, 1));
    byte[] before = Files.readAllBytes(file);
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                AtomicFile.write(
                    file,
                    out -> {
                      out.write(new byte[10_000]);
                      throw new IOException("disk full (simulated)");
                    }));
    assertEquals("disk full (simulated)", thrown.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertOnlyFile(file);

    RuntimeException midway = new IllegalStateException("value writer failed");
    assertThrows(
        IllegalStateException.class,
        () ->
            AtomicFile.write(
                file,
                out -> {
                  Npy.write(NdArray.of(new double[] {1, 2}, 2), out);
                  throw midway;
                }));
    assertArrayEquals(before, Files.readAllBytes(file));
    assertOnlyFile(file);
  }

  @Test
  void saveOverAFolderOrIntoAMissingFolderFailsClearly() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("folder.npz"));
    String m =
        assertThrows(
                ModelFileException.class,
                () -> ModelFile.save(folder, model(3, 1), architecture(3)))
            .getMessage();
    assertTrue(m.contains("is a folder"), m);
    m =
        assertThrows(
                ModelFileException.class,
                () -> ModelFile.save(dir.resolve("no/such/m.npz"), model(3, 1), architecture(3)))
            .getMessage();
    assertTrue(m.contains("does not exist"), m);
  }

  @Test
  void saveReplacesAnExistingFile() throws IOException {
    Path file = saved(model(3, 1));
    ModelFile.save(file, model(3, 2), architecture(3));
    SequenceModel loaded = model(3, 9);
    ModelFile.load(file, loaded);
    assertArrayEquals(output(model(3, 2)), output(loaded));
    assertOnlyFile(file);
  }

  private static void assertOnlyFile(Path file) throws IOException {
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(
          List.of(file.getFileName().toString()),
          files.map(p -> p.getFileName().toString()).toList());
    }
  }
}
