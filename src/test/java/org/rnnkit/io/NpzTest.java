package org.rnnkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
  @TempDir Path dir;

  private static Map<String, NdArray> sample() {
    Map<String, NdArray> arrays = new LinkedHashMap<>();
    arrays.put("weight_ih_l0", NdArray.of(new double[] {1, -2, 3.5, 4, 5, 6}, 3, 2));
    arrays.put("head.bias", NdArray.of(new double[] {0.25, -0.125}, 2));
    arrays.put("optimizer.adam.m.weight_ih_l0", NdArray.of(new double[] {Math.PI}));
    return arrays;
  }

  private Path file(byte[] bytes) throws IOException {
    Path file = dir.resolve("test.npz");
    Files.write(file, bytes);
    return file;
  }

  private String failure(byte[] bytes) throws IOException {
    Path file = file(bytes);
    return assertThrows(ModelFileException.class, () -> Npz.read(file)).getMessage();
  }

  @Test
  void roundTripsArraysAndFilesInOrder() throws IOException {
    Path file = dir.resolve("a.npz");
    byte[] json = "{\"x\": 1}".getBytes(StandardCharsets.UTF_8);
    Npz.write(file, sample(), Map.of("model.json", json));
    Npz.Contents back = Npz.read(file);
    assertEquals(sample(), back.arrays());
    assertEquals(List.copyOf(sample().keySet()), List.copyOf(back.arrays().keySet()));
    assertArrayEquals(json, back.files().get("model.json"));
  }

  @Test
  void sameArraysGiveTheSameBytes() throws IOException {
    Path a = dir.resolve("a.npz");
    Path b = dir.resolve("b.npz");
    Npz.write(a, sample());
    Npz.write(b, sample());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void readsNumpySavezCompressed() throws IOException {
    Npz.Contents c = Npz.read(Fixtures.path("numpy_arrays.npz"));
    assertEquals(NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), c.arrays().get("head.weight"));
    assertEquals(NdArray.of(new double[] {0.5, -0.5, 0.25}, 3), c.arrays().get("bias_ih_l0"));
    assertEquals(NdArray.of(new double[] {7}), c.arrays().get("scalar"));
    assertTrue(c.files().isEmpty());
  }

  @Test
  void unsafeEntryNamesAreRefused() throws IOException {
    byte[] npy = ZipBytes.npy(NdArray.of(new double[] {1}, 1));
    for (String name :
        new String[] {"../x.npy", "a/../../x.npy", "/abs.npy", "a\\b.npy", "C:x.npy"}) {
      String m = failure(ZipBytes.zip(Map.of(name, npy), ZipEntry.DEFLATED));
      assertTrue(m.contains("'" + name + "'") && m.contains("refused"), m);
    }
  }

  @Test
  void duplicateEntryNamesAreRefused() throws IOException {
    byte[] npy = ZipBytes.npy(NdArray.of(new double[] {1}, 1));
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("a.npy", npy);
    entries.put("b.npy", npy);
    byte[] zip = ZipBytes.zip(entries, ZipEntry.STORED);
    ZipBytes.replace(zip, "b.npy", "a.npy");
    String m = failure(zip);
    assertTrue(m.contains("two entries named a.npy"), m);
  }

  @Test
  void writerRefusesUnsafeOrAmbiguousNames() {
    NdArray one = NdArray.of(new double[] {1});
    Path file = dir.resolve("w.npz");
    for (String key : new String[] {"../x", "a/b", "", ".hidden", "a..b", "a\\b", "-x"}) {
      assertThrows(IllegalArgumentException.class, () -> Npz.write(file, Map.of(key, one)), key);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> Npz.write(file, Map.of(), Map.of("x.npy", new byte[0])));
    assertTrue(Files.notExists(file));
  }

  @Test
  void notAZipIsNamedAsSuch() throws IOException {
    String m = failure("hello, this is text\n".getBytes(StandardCharsets.US_ASCII));
    assertTrue(m.contains("is not a ZIP/.npz file"), m);
    m = failure(ZipBytes.npy(NdArray.of(new double[] {1, 2}, 2)));
    assertTrue(m.contains("single .npy array") && m.contains("Npy.read"), m);
    m = failure(new byte[0]);
    assertTrue(m.contains("not a ZIP"), m);
  }

  @Test
  void truncatedZipIsReported() throws IOException {
    Path good = dir.resolve("good.npz");
    Npz.write(good, sample());
    byte[] bytes = Files.readAllBytes(good);
    for (int keep : new int[] {bytes.length - 1, bytes.length / 2, 30}) {
      String m = failure(Arrays.copyOf(bytes, keep));
      assertTrue(m.contains("truncated or damaged ZIP"), m);
    }
  }

  /** numpy.savez writes STORED entries: there only the CRC can notice a damaged value. */
  @Test
  void flippedByteInStoredDataFailsTheCrc() throws IOException {
    byte[] npy = ZipBytes.npy(NdArray.of(new double[] {1, 2, 3}, 3));
    byte[] zip = ZipBytes.zip(Map.of("a.npy", npy), ZipEntry.STORED);
    int data = ZipBytes.centralDirectory(zip) - 8; // inside the last value
    zip[data] ^= 0x10;
    String m = failure(zip);
    assertTrue(m.contains("is corrupt: entry a.npy fails its CRC-32 check"), m);
  }

  /** A flipped header byte is reported as corruption, not as a strange .npy header. */
  @Test
  void flippedByteInStoredHeaderIsReportedAsCorruption() throws IOException {
    byte[] npy = ZipBytes.npy(NdArray.of(new double[] {1, 2, 3}, 3));
    byte[] zip = ZipBytes.zip(Map.of("a.npy", npy), ZipEntry.STORED);
    ZipBytes.replace(zip, "(3,)", "(4,)");
    String m = failure(zip);
    assertTrue(m.contains("is corrupt") && m.contains("CRC-32"), m);
  }

  /** Whatever single byte is damaged, reading fails or returns exactly what was written. */
  @Test
  void everyFlippedByteGivesAnErrorOrTheSameArrays() throws IOException {
    Path good = dir.resolve("good.npz");
    Npz.write(good, sample(), Map.of("model.json", "{}".getBytes(StandardCharsets.UTF_8)));
    byte[] bytes = Files.readAllBytes(good);
    int errors = 0;
    for (int i = 0; i < bytes.length; i++) {
      byte[] bad = bytes.clone();
      bad[i] ^= (byte) 0xff;
      Path file = file(bad);
      try {
        Npz.Contents c = Npz.read(file);
        assertEquals(sample(), c.arrays(), "flip at " + i);
        assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), c.files().get("model.json"));
      } catch (ModelFileException e) {
        errors++;
      }
    }
    assertTrue(errors > bytes.length / 2, errors + " of " + bytes.length + " flips were noticed");
  }

  @Test
  void declaredSizesBeyondTheLimitAreRefusedBeforeReading() throws IOException {
    Path file = dir.resolve("big.npz");
    Npz.write(file, Map.of("zeros", NdArray.of(new double[1 << 17], 1 << 17)));
    String m = assertThrows(ModelFileException.class, () -> Npz.read(file, 1 << 20)).getMessage();
    assertTrue(m.contains("unpacks to more than 1048576 bytes") && m.contains("maxBytes"), m);
    assertEquals(1 << 17, Npz.read(file, 2 << 20).arrays().get("zeros").size());
  }

  @Test
  void impossibleCompressionRatioIsRefused() throws IOException {
    Path good = dir.resolve("good.npz");
    Npz.write(good, Map.of("a", NdArray.of(new double[] {1, 2, 3}, 3)));
    byte[] bytes = Files.readAllBytes(good);
    ZipBytes.setDeclaredSize(bytes, 1 << 30);
    String m = failure(bytes);
    assertTrue(m.contains("more than deflate can produce") && m.contains("zip bomb"), m);
  }

  @Test
  void moreDataThanDeclaredIsCorruption() throws IOException {
    Path good = dir.resolve("good.npz");
    Npz.write(good, Map.of("a", NdArray.of(new double[] {1, 2, 3}, 3)));
    byte[] bytes = Files.readAllBytes(good);
    ZipBytes.setDeclaredSize(bytes, 140);
    String m = failure(bytes);
    assertTrue(m.contains("is corrupt: entry a.npy"), m);
  }

  @Test
  void absurdNpyInsideTheZipFailsNamingTheEntry() throws IOException {
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }\n";
    byte[] npy = new byte[10 + dict.length() + 16];
    byte[] head = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) dict.length(), 0};
    System.arraycopy(head, 0, npy, 0, 10);
    System.arraycopy(dict.getBytes(StandardCharsets.US_ASCII), 0, npy, 10, dict.length());
    String m = failure(ZipBytes.zip(Map.of("big.npy", npy), ZipEntry.DEFLATED));
    assertTrue(m.startsWith("big.npy in ") && m.contains("8000000000000 bytes"), m);
  }
}
