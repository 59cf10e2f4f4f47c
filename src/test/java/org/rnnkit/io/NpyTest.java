package org.rnnkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir Path dir;

  private static byte[] toBytes(NdArray array) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.write(array, out);
    return out.toByteArray();
  }

  private static NdArray fromBytes(byte[] bytes) throws IOException {
    return Npy.read(new ByteArrayInputStream(bytes), bytes.length, "test.npy");
  }

  private static String message(byte[] bytes) {
    return assertThrows(ModelFileException.class, () -> fromBytes(bytes)).getMessage();
  }

  /**
   * The spec, byte by byte: magic, version 1.0, uint16 LE length, dict, spaces, '\n', 64-aligned.
   */
  @Test
  void headerFollowsTheFormatSpecification() {
    for (int[] shape : new int[][] {{}, {3}, {2, 3}, {0, 3}, {1, 2, 3, 4}, {100000, 1}}) {
      byte[] h = Npy.header(shape);
      assertArrayEquals(
          new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(h, 8));
      int headerLength = (h[8] & 0xff) | (h[9] & 0xff) << 8;
      assertEquals(h.length, 10 + headerLength);
      assertEquals(0, h.length % 64, "magic + version + length + header is a multiple of 64");
      assertEquals('\n', h[h.length - 1]);
      String dict = new String(h, 10, headerLength, StandardCharsets.US_ASCII);
      String expected =
          "{'descr': '<f8', 'fortran_order': False, 'shape': " + NdArray.shapeString(shape) + ", }";
      assertTrue(dict.startsWith(expected), dict);
      assertTrue(dict.substring(expected.length(), dict.length() - 1).isBlank(), "space padding");
    }
    assertEquals("()", NdArray.shapeString(new int[] {}));
    assertEquals("(3,)", NdArray.shapeString(new int[] {3}));
    assertEquals("(2, 3)", NdArray.shapeString(new int[] {2, 3}));
  }

  /** np.save's output, committed as fixtures, is what we write, byte for byte. */
  @Test
  void writesTheSameBytesAsNumpySave() throws IOException {
    for (String name :
        new String[] {
          "f8_scalar.npy", "f8_vector.npy", "f8_matrix.npy", "f8_4d.npy", "f8_empty.npy"
        }) {
      byte[] numpy = Fixtures.bytes(name);
      assertArrayEquals(numpy, toBytes(Npy.read(Fixtures.path(name))), name);
    }
  }

  @Test
  void readsNumpyFloat64FixturesOfEveryRank() throws IOException {
    assertEquals(NdArray.of(new double[] {-2.5}), Npy.read(Fixtures.path("f8_scalar.npy")));
    assertEquals(
        NdArray.of(new double[] {-0.5, -0.25, 0, 0.25, 0.5}, 5),
        Npy.read(Fixtures.path("f8_vector.npy")));
    NdArray matrix = NdArray.of(new double[] {1.5, -2, 3.25, 0, 1e-300, -1e300}, 2, 3);
    assertEquals(matrix, Npy.read(Fixtures.path("f8_matrix.npy")));
    NdArray four = Npy.read(Fixtures.path("f8_4d.npy"));
    assertArrayEquals(new int[] {1, 2, 3, 4}, four.shape());
    for (int i = 0; i < 24; i++) {
      assertEquals(i / 7.0, four.data()[i]);
    }
    assertEquals(NdArray.of(new double[0], 0, 3), Npy.read(Fixtures.path("f8_empty.npy")));
  }

  @Test
  void readsVersion2And3Headers() throws IOException {
    NdArray matrix = NdArray.of(new double[] {1.5, -2, 3.25, 0, 1e-300, -1e300}, 2, 3);
    assertEquals(matrix, Npy.read(Fixtures.path("v2_matrix.npy")));
    assertEquals(matrix, Npy.read(Fixtures.path("v3_matrix.npy")));
  }

  @Test
  void widensFloat32AndIntegersToDouble() throws IOException {
    assertEquals(
        NdArray.of(new double[] {0.1f, -2.5f, 3e38f}, 3), Npy.read(Fixtures.path("f4_vector.npy")));
    assertEquals(
        NdArray.of(new double[] {1, -2, 0x1p53, -0x1p40}, 2, 2),
        Npy.read(Fixtures.path("i8_matrix.npy")));
    assertEquals(
        NdArray.of(new double[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, 3),
        Npy.read(Fixtures.path("i4_vector.npy")));
  }

  @Test
  void roundTripsEveryRankBitwise() throws IOException {
    Random rng = new Random(42);
    for (int[] shape : new int[][] {{}, {1}, {7}, {3, 5}, {2, 0, 4}, {2, 3, 4, 5}}) {
      double[] data = new double[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
      for (int i = 0; i < data.length; i++) {
        data[i] = rng.nextGaussian();
      }
      if (data.length > 3) {
        data[0] = Double.NaN;
        data[1] = Double.NEGATIVE_INFINITY;
        data[2] = -0.0;
        data[3] = Double.MIN_VALUE;
      }
      NdArray a = new NdArray(shape, data);
      assertEquals(a, fromBytes(toBytes(a)));
      Path file = dir.resolve("a.npy");
      Npy.write(file, a);
      assertEquals(a, Npy.read(file));
      assertEquals(Npy.byteSize(a), Files.size(file));
    }
  }

  @Test
  void largeArraysCrossChunkBoundaries() throws IOException {
    double[] data = new double[20_000];
    Arrays.setAll(data, i -> i * 0.5);
    NdArray a = NdArray.of(data, 100, 200);
    assertEquals(a, fromBytes(toBytes(a)));
  }

  @Test
  void fortranOrderIsRefusedWithAFix() {
    String m =
        assertThrows(ModelFileException.class, () -> Npy.read(Fixtures.path("fortran_matrix.npy")))
            .getMessage();
    assertTrue(m.contains("Fortran order") && m.contains("np.ascontiguousarray"), m);
  }

  @Test
  void bigEndianIsRefusedWithAFix() {
    String m =
        assertThrows(ModelFileException.class, () -> Npy.read(Fixtures.path("bigendian.npy")))
            .getMessage();
    assertTrue(m.contains("'>f8'") && m.contains("astype('<f8')"), m);
  }

  /** A header for shape (10^12,) with 16 bytes of data fails on sizes, before any allocation. */
  @Test
  void absurdDeclaredSizeFailsWithoutAllocating() {
    byte[] bytes =
        withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", 16);
    String m = message(bytes);
    assertTrue(
        m.contains("(1000000000000,)")
            && m.contains("8000000000000 bytes")
            && m.contains("holds 16 bytes"),
        m);
  }

  @Test
  void shapeWhoseByteSizeOverflowsIsRefused() {
    String m = message(withHeader(dict("(4294967295, 4294967295, 4294967295)"), 0));
    assertTrue(m.contains("more bytes than fit in 64 bits"), m);
    m = message(withHeader(dict("(2147483647, 2147483647, 2147483647)"), 0));
    assertTrue(m.contains("64 bits"), m);
    m = message(withHeader(dict("(10000000000, 0)"), 0));
    assertTrue(m.contains("cannot hold"), m);
  }

  private static String dict(String shape) {
    return "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
  }

  @Test
  void truncatedDataIsReportedAsTruncated() throws IOException {
    byte[] full = toBytes(NdArray.of(new double[] {1, 2, 3}, 3));
    byte[] cut = Arrays.copyOf(full, full.length - 5);
    String m = message(cut);
    assertTrue(m.contains("truncated"), m);
    // a stream that ends before the length it was said to have
    m =
        assertThrows(
                ModelFileException.class,
                () -> Npy.read(new ByteArrayInputStream(cut), full.length, "x.npy"))
            .getMessage();
    assertTrue(m.contains("x.npy is truncated"), m);
    m = message(Arrays.copyOf(full, 7));
    assertTrue(m.contains("truncated"), m);
  }

  @Test
  void badMagicVersionAndHeaderLengthAreRefused() throws IOException {
    byte[] good = toBytes(NdArray.of(new double[] {1}, 1));
    byte[] bad = good.clone();
    bad[1] = 'X';
    assertTrue(message(bad).contains("not a .npy file"));
    bad = good.clone();
    bad[6] = 4;
    assertTrue(message(bad).contains("version 4.0 is not supported"));
    bad = good.clone();
    bad[7] = 1;
    assertTrue(message(bad).contains("version 1.1 is not supported"));
    byte[] huge = good.clone();
    huge[6] = 2;
    huge[8] = 1;
    huge[9] = 0;
    huge =
        concat(
            Arrays.copyOf(huge, 10), new byte[] {1, 0}, Arrays.copyOfRange(good, 10, good.length));
    String m = message(huge);
    assertTrue(m.contains("claims 65537 bytes, more than the 65536 allowed"), m);
  }

  @Test
  void malformedDictionariesAreRefused() {
    String[] bad = {
      "{'descr': '<f8', 'fortran_order': False}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'extra': 1, }",
      "{'descr': '<f8', 'fortran_order': 0, 'shape': (3,), }",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (3), }",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (-3,), }",
      "{'descr': '<c16', 'fortran_order': False, 'shape': (3,), }",
      "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,), }",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), } trailing",
      "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
      "not a dict",
    };
    for (String header : bad) {
      String m = message(withHeader(header, 24));
      assertTrue(m.startsWith("test.npy: "), m);
    }
  }

  @Test
  void python2LongSuffixIsAccepted() throws IOException {
    NdArray a =
        fromBytes(withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (3L,), }", 24));
    assertArrayEquals(new int[] {3}, a.shape());
  }

  @Test
  void writerRefusesShapesNumpyCannotRead() {
    assertThrows(IllegalArgumentException.class, () -> Npy.header(new int[33]));
    assertThrows(IllegalArgumentException.class, () -> Npy.header(-1));
    assertThrows(IllegalArgumentException.class, () -> NdArray.of(new double[3], 2, 2));
  }

  /** A v1.0 .npy with this header text (padded) and {@code dataBytes} bytes of data. */
  private static byte[] withHeader(String dict, int dataBytes) {
    byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(10 + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) text.length);
    b.put(text);
    return b.array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
