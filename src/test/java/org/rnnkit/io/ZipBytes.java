package org.rnnkit.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hand-made ZIPs for bad-input tests: any entry names, STORED or DEFLATED, patched fields. */
final class ZipBytes {
  private static final int CENTRAL_HEADER = 0x02014b50;

  private ZipBytes() {}

  /** A ZIP of these entries, in map order, compressed with {@code method}. */
  static byte[] zip(Map<String, byte[]> entries, int method) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setMethod(method);
        if (method == ZipEntry.STORED) {
          CRC32 crc = new CRC32();
          crc.update(e.getValue());
          entry.setSize(e.getValue().length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The .npy bytes of {@code array}. */
  static byte[] npy(NdArray array) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Npy.write(array, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Offset of the first central directory header. */
  static int centralDirectory(byte[] zip) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i + 4 <= zip.length; i++) {
      if (b.getInt(i) == CENTRAL_HEADER) {
        return i;
      }
    }
    throw new IllegalArgumentException("no central directory");
  }

  /** Sets the uncompressed size of the first central directory entry. */
  static void setDeclaredSize(byte[] zip, int size) {
    ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(centralDirectory(zip) + 24, size);
  }

  /** Replaces every occurrence of {@code from} by {@code to}, of the same length. */
  static void replace(byte[] zip, String from, String to) {
    byte[] f = from.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] t = to.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i + f.length <= zip.length; i++) {
      if (java.util.Arrays.equals(zip, i, i + f.length, f, 0, f.length)) {
        System.arraycopy(t, 0, zip, i, t.length);
      }
    }
  }
}
