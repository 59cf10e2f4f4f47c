package org.rnnkit.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.rnnkit.io.NpyHeader.Dtype;

/**
 * NumPy's {@code .npy} format (numpy.lib.format): one array with its dtype and shape.
 *
 * <pre>
 *   offset 0   \x93NUMPY                 magic string, 6 bytes
 *   offset 6   major, minor              version bytes: 1.0 (2.0 and 3.0 also read)
 *   offset 8   HEADER_LEN                uint16 little-endian (uint32 for 2.0 and 3.0)
 *   offset 10  {'descr': '&lt;f8', 'fortran_order': False, 'shape': (2, 3), }   + spaces + '\n'
 *   then       the values, C order, little-endian
 * </pre>
 *
 * The writer produces version 1.0 exactly as {@code numpy.save} does: the dictionary with its keys
 * sorted, spare spaces after it, then spaces and a newline so that magic, version, length and
 * header together are a multiple of 64 bytes. The reader takes {@code <f8} and also {@code <f4},
 * {@code <i8} and {@code <i4}, converted to double ({@code <i8} values beyond 2^53 round), in C
 * order and any rank from 0 to 32, and checks the header against the byte count before it
 * allocates.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** Magic and version bytes before the header length. */
  private static final int PREAMBLE = MAGIC.length + 2;

  /** numpy aligns the data to this many bytes (ARRAY_ALIGN). */
  private static final int ALIGN = 64;

  /** The longest header read, in bytes; numpy's own reader stops at 10,000 characters. */
  static final int MAX_HEADER_BYTES = 1 << 16;

  /** The most values a Java array holds. */
  private static final int MAX_VALUES = Integer.MAX_VALUE - 8;

  private static final int CHUNK_BYTES = 1 << 16;

  private Npy() {}

  /**
   * The header numpy writes for a C-order float64 array of this shape, magic to newline.
   *
   * @param shape Not modified. At most 32 dimensions, none negative.
   */
  public static byte[] header(int... shape) {
    if (shape.length > NpyHeader.MAX_RANK) {
      throw new IllegalArgumentException(
          "numpy reads at most %d dimensions, got shape %s"
              .formatted(NpyHeader.MAX_RANK, Arrays.toString(shape)));
    }
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "shape %s has a negative dimension".formatted(Arrays.toString(shape)));
      }
    }
    byte[] dict = NpyHeader.of(Dtype.F8, shape).dictBytes();
    int unpadded = PREAMBLE + 2 + dict.length + 1;
    // numpy: padlen = ALIGN - (unpadded % ALIGN), between 1 and 64 spaces
    int padding = ALIGN - unpadded % ALIGN;
    int headerLength = dict.length + padding + 1;
    byte[] out = new byte[PREAMBLE + 2 + headerLength];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[6] = 1;
    out[7] = 0;
    out[8] = (byte) headerLength;
    out[9] = (byte) (headerLength >>> 8);
    System.arraycopy(dict, 0, out, PREAMBLE + 2, dict.length);
    Arrays.fill(out, PREAMBLE + 2 + dict.length, out.length - 1, (byte) ' ');
    out[out.length - 1] = '\n';
    return out;
  }

  /** Bytes of the .npy form of {@code array}: header plus 8 bytes per value. */
  public static long byteSize(NdArray array) {
    return header(array.shape()).length + 8L * array.size();
  }

  /**
   * Writes {@code array} as a version 1.0 {@code <f8} .npy.
   *
   * @param array Not modified.
   * @param out Modified: the bytes are appended; not closed.
   */
  public static void write(NdArray array, OutputStream out) throws IOException {
    out.write(header(array.shape()));
    double[] data = array.data();
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < data.length; ) {
      chunk.clear();
      while (i < data.length && chunk.remaining() >= Double.BYTES) {
        chunk.putDouble(data[i++]);
      }
      out.write(chunk.array(), 0, chunk.position());
    }
  }

  /**
   * Saves {@code array} to {@code file} atomically: a failed save leaves an existing file as it
   * was.
   *
   * @param array Not modified.
   */
  public static void write(Path file, NdArray array) throws IOException {
    AtomicFile.write(file, out -> write(array, out));
  }

  /** Reads a .npy file; see {@link #read(InputStream, long, String)}. */
  public static NdArray read(Path file) throws IOException {
    long length = Files.size(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return read(in, length, file.toString());
    }
  }

  /**
   * Reads one .npy of exactly {@code length} bytes. Validates the magic, version, header length (at
   * most 64 KiB), header dictionary, dtype, order and shape, and that the shape's byte size is what
   * remains of {@code length}, before it allocates the values.
   *
   * @param in Modified: exactly {@code length} bytes are consumed unless reading fails; not closed.
   * @param length the byte count of the whole .npy, header included, as the file or ZIP entry says
   * @param name the file or entry name, for messages
   * @throws ModelFileException for any content that is not a supported .npy of that length
   */
  public static NdArray read(InputStream in, long length, String name) throws IOException {
    Layout layout = readLayout(in, length, name);
    return new NdArray(layout.shape(), readValues(in, layout.dtype(), layout.count(), name));
  }

  /**
   * A .npy header read and checked against the byte count: the shape, the dtype and the number of
   * values that follow.
   */
  record Layout(int[] shape, Dtype dtype, int count) {}

  /**
   * Reads and checks the header of a .npy of {@code length} bytes as {@link #read(InputStream,
   * long, String)} does, without reading or allocating the values.
   *
   * @param in Modified: the header is consumed; not closed.
   */
  static Layout readLayout(InputStream in, long length, String name) throws IOException {
    byte[] preamble = readFully(in, PREAMBLE + 2, name, "the magic string and version");
    if (!Arrays.equals(preamble, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new ModelFileException(
          "%s is not a .npy file: it does not start with \\x93NUMPY; write it with numpy.save"
              .formatted(name));
    }
    int major = preamble[6] & 0xff;
    int minor = preamble[7] & 0xff;
    if (minor != 0 || major < 1 || major > 3) {
      throw new ModelFileException(
          "%s: .npy format version %d.%d is not supported (1.0, 2.0 and 3.0 are)"
              .formatted(name, major, minor));
    }
    long headerLength;
    int prefix;
    if (major == 1) {
      headerLength = (preamble[8] & 0xff) | (preamble[9] & 0xff) << 8;
      prefix = PREAMBLE + 2;
    } else {
      byte[] high = readFully(in, 2, name, "the header length");
      headerLength =
          (preamble[8] & 0xffL)
              | (preamble[9] & 0xffL) << 8
              | (high[0] & 0xffL) << 16
              | (high[1] & 0xffL) << 24;
      prefix = PREAMBLE + 4;
    }
    if (headerLength > MAX_HEADER_BYTES) {
      throw new ModelFileException(
          "%s: the .npy header claims %d bytes, more than the %d allowed; the file is corrupt"
              .formatted(name, headerLength, MAX_HEADER_BYTES));
    }
    if (prefix + headerLength > length) {
      throw new ModelFileException(
          "%s is truncated: its .npy header needs %d bytes but the file holds %d"
              .formatted(name, prefix + headerLength, length));
    }
    byte[] headerBytes = readFully(in, (int) headerLength, name, "the header");
    String text =
        new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    NpyHeader header = NpyHeader.parse(text, name);
    long dataBytes = length - prefix - headerLength;
    int count = checkSize(header, dataBytes, name);
    int[] shape = header.intShape();
    if (shape == null) {
      throw new ModelFileException(
          "%s: shape %s has a dimension beyond %d, which rnnkit arrays cannot hold"
              .formatted(name, header.shapeString(), Integer.MAX_VALUE));
    }
    return new Layout(shape, header.dtype(), count);
  }

  /** The number of values, once the shape's byte size is known to equal {@code dataBytes}. */
  private static int checkSize(NpyHeader header, long dataBytes, String name)
      throws ModelFileException {
    String shape = header.shapeString();
    long count = header.count();
    long expected;
    try {
      expected = Math.multiplyExact(count < 0 ? Long.MAX_VALUE : count, header.dtype().itemSize);
    } catch (ArithmeticException e) {
      throw new ModelFileException(
          "%s: shape %s has more bytes than fit in 64 bits; the header is corrupt"
              .formatted(name, shape));
    }
    if (expected != dataBytes) {
      throw new ModelFileException(
          ("%s: header declares shape %s of %s, %d bytes of data, but the file holds %d bytes"
                  + " of data; the file is truncated or its header is wrong")
              .formatted(name, shape, header.dtype().descr, expected, dataBytes));
    }
    if (count > MAX_VALUES) {
      throw new ModelFileException(
          "%s: shape %s has %d values, more than a Java array holds (%d); split the array"
              .formatted(name, shape, count, MAX_VALUES));
    }
    return (int) count;
  }

  private static double[] readValues(InputStream in, Dtype dtype, int count, String name)
      throws IOException {
    double[] values = new double[count];
    int size = dtype.itemSize;
    byte[] chunk = new byte[CHUNK_BYTES];
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; ) {
      int n = (int) Math.min((long) (count - i) * size, CHUNK_BYTES);
      if (in.readNBytes(chunk, 0, n) != n) {
        throw new ModelFileException(
            "%s is truncated: the data ends after %d of %d values".formatted(name, i, count));
      }
      buffer.clear();
      for (int end = i + n / size; i < end; i++) {
        values[i] =
            switch (dtype) {
              case F8 -> buffer.getDouble();
              case F4 -> buffer.getFloat();
              case I8 -> buffer.getLong();
              case I4 -> buffer.getInt();
            };
      }
    }
    return values;
  }

  private static byte[] readFully(InputStream in, int n, String name, String what)
      throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length != n) {
      throw new ModelFileException("%s is truncated: it ends inside %s".formatted(name, what));
    }
    return bytes;
  }
}
