package org.rnnkit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text file the user gave, read as UTF-8 and checked: a binary file (a NUL byte), UTF-16 (its
 * byte order mark) or any byte sequence that is not UTF-8 (Latin-1, Windows-1252) is refused with
 * the offset of the first bad byte and how to convert it; a UTF-8 byte order mark is dropped. A
 * file too large to hold as one string is checked in one streaming pass and then read as a stream
 * ({@link #open(Path)}).
 */
public final class Utf8Text {
  private Utf8Text() {}

  /**
   * The text of {@code file}.
   *
   * @param maxBytes the largest file accepted
   * @throws IllegalArgumentException naming the file, the problem and the fix when it is missing,
   *     empty, larger than {@code maxBytes}, binary or not UTF-8
   * @throws IOException when the file exists but cannot be read
   */
  public static String read(Path file, long maxBytes) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("cannot read " + file + ": no such file");
    }
    long size = Files.size(file);
    if (size > maxBytes) {
      throw new IllegalArgumentException(
          "%s has %d bytes, more than the %d MiB accepted; cut it shorter"
              .formatted(file, size, maxBytes >> 20));
    }
    return decode(file.toString(), Files.readAllBytes(file));
  }

  /**
   * {@code bytes} as UTF-8 text without a leading byte order mark.
   *
   * @param name the file's name, for messages
   * @param bytes Not modified.
   * @throws IllegalArgumentException when the bytes are empty, UTF-16, binary or not UTF-8
   */
  public static String decode(String name, byte[] bytes) {
    if (bytes.length >= 2 && isUtf16(bytes)) {
      throw utf16(name, bytes);
    }
    int nul = nul(bytes, 0, bytes.length);
    if (nul >= 0) {
      throw binary(name, nul);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    String text;
    try {
      text = strictDecoder().decode(in).toString();
    } catch (CharacterCodingException e) {
      int at = in.position();
      throw notUtf8(name, bytes[Math.min(at, bytes.length - 1)], at);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isEmpty()) {
      throw empty(name);
    }
    return text;
  }

  /**
   * A reader of {@code file}'s text after {@link #check(Path) checking} it in one streaming pass,
   * without a leading byte order mark: memory stays bounded by a buffer, whatever the file's size.
   *
   * @throws IllegalArgumentException as {@link #check(Path)}
   */
  public static BufferedReader open(Path file) throws IOException {
    check(file);
    BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    return reader;
  }

  /**
   * Checks, reading it once in blocks, that {@code file} is UTF-8 text.
   *
   * @throws IllegalArgumentException naming the file, the problem, the offset of the first bad byte
   *     and the fix when it is missing, empty, UTF-16, binary or not UTF-8
   * @throws IOException when the file exists but cannot be read
   */
  public static void check(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("cannot read " + file + ": no such file");
    }
    String name = file.toString();
    CharsetDecoder decoder = strictDecoder();
    ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    CharBuffer chars = CharBuffer.allocate(1 << 16);
    // bytes before bytes' first element; text seen, not counting a byte order mark
    long consumed = 0;
    boolean text = false;
    try (InputStream in = Files.newInputStream(file)) {
      boolean end = false;
      while (!end) {
        int from = bytes.position();
        int n = in.read(bytes.array(), from, bytes.remaining());
        end = n < 0;
        if (!end) {
          bytes.position(from + n);
          int nul = nul(bytes.array(), from, from + n);
          if (nul >= 0) {
            throw binary(name, consumed + nul);
          }
        }
        if (consumed == 0 && bytes.position() >= 2 && isUtf16(bytes.array())) {
          throw utf16(name, bytes.array());
        }
        bytes.flip();
        CoderResult result = decoder.decode(bytes, chars, end);
        if (end && !result.isError()) {
          result = decoder.flush(chars);
        }
        if (result.isError()) {
          long at = consumed + bytes.position();
          throw notUtf8(name, bytes.get(bytes.position()), at);
        }
        chars.flip();
        text |= chars.length() > (consumed == 0 && startsWithMark(chars) ? 1 : 0);
        chars.clear();
        consumed += bytes.position();
        bytes.compact();
      }
    }
    if (!text) {
      throw empty(name);
    }
  }

  private static CharsetDecoder strictDecoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static boolean startsWithMark(CharBuffer chars) {
    return chars.length() > 0 && chars.charAt(0) == '\uFEFF';
  }

  private static boolean isUtf16(byte[] bytes) {
    return (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
        || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF);
  }

  /** The index of the first NUL byte in {@code bytes[from..to)}, or -1. */
  private static int nul(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static IllegalArgumentException utf16(String name, byte[] bytes) {
    return new IllegalArgumentException(
        ("%s is UTF-16 text (it starts with the byte order mark 0x%02X 0x%02X), not UTF-8;"
                + " save it as UTF-8, e.g. iconv -f utf-16 -t utf-8")
            .formatted(name, bytes[0] & 0xFF, bytes[1] & 0xFF));
  }

  private static IllegalArgumentException binary(String name, long offset) {
    return new IllegalArgumentException(
        ("%s is not UTF-8 text: it looks binary (a NUL byte at offset %d); give a UTF-8 text"
                + " file")
            .formatted(name, offset));
  }

  private static IllegalArgumentException notUtf8(String name, byte bad, long offset) {
    return new IllegalArgumentException(
        ("%s is not UTF-8 text (byte 0x%02X at offset %d is invalid); convert it, e.g. iconv -f"
                + " latin1 -t utf-8")
            .formatted(name, bad & 0xFF, offset));
  }

  private static IllegalArgumentException empty(String name) {
    return new IllegalArgumentException(name + " is empty; give a UTF-8 text file");
  }
}
