package org.rnnkit.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnnkit.data.Frequency;
import org.rnnkit.fuzz.Fuzz;
import org.rnnkit.fuzz.JsonMutations;
import org.rnnkit.io.ModelFileException;
import org.rnnkit.io.NdArray;
import org.rnnkit.io.Npy;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;

/**
 * Issue 20: a forecaster's model.json is checked before it is trusted. Every size is bounded and
 * compared with the stored arrays' full shapes before anything is allocated; window, Box-Cox lambda
 * and weights are checked at load; every missing or mistyped field is named; the file is read once,
 * model.json first, and only the arrays it lists.
 */
class ForecastModelFileTest {
  private static final int HIDDEN = 8;
  private static final int OUTPUTS = 3;

  @TempDir Path dir;
  private Path file;
  private TrainedForecaster saved;

  /** Two untrained GRU networks (hidden 8, 3 outputs), a monthly log transform, window 8. */
  @BeforeEach
  void save() throws IOException {
    ForecastConfig config =
        ForecastConfig.builder().cell(CellType.GRU).hidden(HIDDEN).layers(1).build();
    List<SequenceModel> members = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      members.add(RecurrentForecaster.network(config, OUTPUTS, new Random(i)));
    }
    double[] indices = new double[12];
    indices[3] = 0.1;
    indices[9] = -0.1;
    var ensemble =
        new ForecastEnsemble(
            members, new SeriesTransform(0, 12, indices, 0.2), new SmoothedLevel(0.5), 8);
    saved =
        new TrainedForecaster(
            ensemble,
            84,
            Frequency.MONTHLY,
            LocalDate.of(1955, 12, 1).atStartOfDay(),
            OUTPUTS,
            0.3,
            0.9);
    file = dir.resolve("model.npz");
    ForecastModelFile.save(file, saved, config);
  }

  @Test
  void aSavedForecasterLoadsAndForecastsTheSame() throws IOException {
    TrainedForecaster loaded = ForecastModelFile.load(file);
    double[] history = new double[40];
    for (int i = 0; i < history.length; i++) {
      history[i] = 100 + i + 5 * Math.sin(i);
    }
    assertArrayEquals(
        saved.ensemble().forecast(history, 83, 3), loaded.ensemble().forecast(history, 83, 3), 0);
  }

  /** A monthly model's last date is written as before hourly series: a date, read as midnight. */
  @Test
  void aDateIsStoredAsADateAndReadAsItsMidnight() throws IOException {
    String json = new String(entries().get("model.json"), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"last_date\": \"1955-12-01\""), json);
    assertEquals(LocalDateTime.of(1955, 12, 1, 0, 0), ForecastModelFile.load(file).lastDate());
  }

  /**
   * An hourly model keeps its last hour: saved, loaded, and a later hourly history placed by it
   * (six hours after the last training hour 1956-01-31 23:00, across midnight and month end).
   */
  @Test
  void anHourlyForecasterRoundTripsWithItsLastHour() throws IOException {
    LocalDateTime last = LocalDateTime.of(1956, 1, 31, 23, 0);
    TrainedForecaster hourly =
        new TrainedForecaster(saved.ensemble(), 84, Frequency.HOURLY, last, OUTPUTS, 0.3, 0.9);
    ForecastModelFile.save(
        file, hourly, ForecastConfig.builder().cell(CellType.GRU).hidden(HIDDEN).layers(1).build());
    String json = new String(entries().get("model.json"), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"last_date\": \"1956-01-31T23:00\""), json);
    TrainedForecaster loaded = ForecastModelFile.load(file);
    assertEquals(Frequency.HOURLY, loaded.frequency());
    assertEquals(last, loaded.lastDate());
    List<LocalDateTime> dates = new ArrayList<>();
    double[] values = new double[20];
    for (int i = 0; i < values.length; i++) {
      // the 20 hours ending 1956-02-01 05:00
      dates.add(LocalDateTime.of(1956, 1, 31, 10, 0).plusHours(i));
      values[i] = 100 + i;
    }
    var history = new org.rnnkit.data.TimeSeries("h", dates, values, Frequency.HOURLY);
    assertEquals(83 + 6, loaded.align(history));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hidden=20000", "hidden=100000", "layers=10000000", "members=2147483647"})
  void hugeSizesInTheDescriptionAreRefusedBeforeAnythingIsAllocated(String edit) {
    String key = edit.substring(0, edit.indexOf('='));
    long value = Long.parseLong(edit.substring(edit.indexOf('=') + 1));
    editArchitecture(a -> a.addProperty(key, value));
    String m = refused();
    assertTrue(m.contains("\"" + key + "\"") || m.contains("implies"), m);
  }

  @Test
  void aMemberStoredTransposedOrFlattenedIsRefused() throws IOException {
    // head.weight is K x H = 3 x 8; the same 24 values as 8 x 3 and as (24,)
    for (int[] shape : new int[][] {{HIDDEN, OUTPUTS}, {OUTPUTS * HIDDEN}}) {
      save();
      replaceArray("member1.head.weight", new NdArray(shape, new double[OUTPUTS * HIDDEN]));
      String m = refused();
      assertTrue(m.contains("member1.head.weight") && m.contains("(3, 8)"), m);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "84", "1000000000"})
  void aWindowThatCannotBeUsedIsRefused(String window) {
    editArchitecture(a -> a.addProperty("window", Integer.parseInt(window)));
    String m = refused();
    assertTrue(m.contains("window"), m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Infinity", "-Infinity", "NaN", "1e300"})
  void anInfiniteOrAbsurdBoxCoxLambdaIsRefused(String lambda) {
    editJsonText(
        json -> json.replaceFirst("\"season\": 12", "\"lambda\": " + lambda + ", \"season\": 12"));
    String m = refused();
    assertTrue(m.contains("\"lambda\""), m);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY})
  void nonFiniteWeightsOfAnyNetworkAreRefused(double bad) throws IOException {
    double[] values = new double[OUTPUTS * HIDDEN];
    values[5] = bad;
    replaceArray("member1.head.weight", new NdArray(new int[] {OUTPUTS, HIDDEN}, values));
    String m = refused();
    assertTrue(m.contains("member1.head.weight") && m.contains("index 5"), m);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "transform",
        "hidden",
        "cell",
        "window",
        "level_alpha",
        "transform.indices",
        "transform.sigma",
        "origin.frequency",
        "origin.horizon",
        "interval.quantile"
      })
  void everyMissingFieldIsNamed(String path) {
    editArchitecture(a -> parentOf(a, path).remove(leaf(path)));
    String m = refused();
    assertTrue(m.contains("\"" + leaf(path) + "\" is missing"), m);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hidden=\"eight\"",
        "members=2.5",
        "transform=[]",
        "transform.indices={}",
        "transform.sigma=-1",
        "origin.frequency=\"FORTNIGHTLY\"",
        "origin.last_date=\"yesterday\"",
        "interval.level=1.5",
        "level_alpha=0"
      })
  void everyMistypedFieldIsNamed(String edit) {
    String path = edit.substring(0, edit.indexOf('='));
    String value = edit.substring(edit.indexOf('=') + 1);
    editArchitecture(a -> parentOf(a, path).add(leaf(path), JsonParser.parseString(value)));
    String m = refused();
    assertTrue(m.contains("\"" + leaf(path) + "\""), m);
  }

  /**
   * An array declaring 128 MiB of zeros (a 128 KiB entry): listed under a wrong shape, or not
   * listed at all, it is refused from its header or its name, before its values are read; before,
   * the loader read the archive twice, allocating it twice.
   */
  @Test
  void aLargeArrayIsRefusedBeforeItsValuesAreRead() throws IOException {
    putArray("member1.head.weight", Npy.header(4096, 4096), 128);
    long allocated = allocatedWhile(this::refused);
    assertTrue(allocated < 32L << 20, "allocated " + (allocated >> 20) + " MiB");

    save();
    putArray("junk", Npy.header(4096, 4096), 128);
    String[] message = new String[1];
    allocated = allocatedWhile(() -> message[0] = refused());
    assertTrue(message[0].contains("junk") && message[0].contains("listed"), message[0]);
    assertTrue(allocated < 32L << 20, "allocated " + (allocated >> 20) + " MiB");
  }

  /** Fuzz: random edits of the description are refused with a message, or load. */
  @Test
  void mutatedDescriptionsAreRefusedWithAMessageOrLoad() throws IOException {
    Map<String, byte[]> entries = entries();
    String json = new String(entries.get("model.json"), StandardCharsets.UTF_8);
    Random rng = new Random(24);
    for (int i = 0; i < 100; i++) {
      entries.put("model.json", JsonMutations.mutate(json, rng));
      writeZip(entries, Map.of(), 0);
      Fuzz.check(
          entries.get("model.json"),
          "forecaster model.json case " + i,
          ModelFileException.class,
          16 << 20,
          b -> ForecastModelFile.load(file));
    }
  }

  // ---- helpers

  private String refused() {
    return assertThrows(ModelFileException.class, () -> ForecastModelFile.load(file)).getMessage();
  }

  private static long allocatedWhile(Runnable body) {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    body.run();
    return bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
  }

  private static JsonObject parentOf(JsonObject arch, String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? arch : arch.getAsJsonObject(path.substring(0, dot));
  }

  private static String leaf(String path) {
    return path.substring(path.indexOf('.') + 1);
  }

  private void editArchitecture(Consumer<JsonObject> edit) {
    editJsonText(
        text -> {
          JsonObject json = JsonParser.parseString(text).getAsJsonObject();
          edit.accept(json.getAsJsonObject("architecture"));
          return new GsonBuilder().setPrettyPrinting().create().toJson(json);
        });
  }

  private void editJsonText(java.util.function.UnaryOperator<String> edit) {
    try {
      Map<String, byte[]> entries = entries();
      String text = new String(entries.get("model.json"), StandardCharsets.UTF_8);
      entries.put("model.json", edit.apply(text).getBytes(StandardCharsets.UTF_8));
      writeZip(entries, Map.of(), 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void replaceArray(String key, NdArray array) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.write(array, out);
    putArray(key, out.toByteArray(), 0);
  }

  /** Puts entry {@code key.npy}: {@code start}, then {@code zeroMiB} MiB of zeros (deflated). */
  private void putArray(String key, byte[] start, int zeroMiB) throws IOException {
    Map<String, byte[]> entries = entries();
    entries.remove(key + ".npy");
    writeZip(entries, Map.of(key + ".npy", start), zeroMiB);
  }

  private Map<String, byte[]> entries() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    }
    return entries;
  }

  /** Writes the entries, then {@code extra}, each followed by {@code zeroMiB} MiB of zeros. */
  private void writeZip(Map<String, byte[]> entries, Map<String, byte[]> extra, int zeroMiB)
      throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.setLevel(Deflater.BEST_SPEED);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
      byte[] zeros = new byte[1 << 20];
      for (Map.Entry<String, byte[]> e : extra.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        for (int i = 0; i < zeroMiB; i++) {
          zip.write(zeros);
        }
        zip.closeEntry();
      }
    }
  }
}
