package org.rnnkit.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text file the user gave, read as UTF-8 and checked: a binary file (a NUL byte), UTF-16 (its
 * byte order mark) or any byte sequence that is not UTF-8 (Latin-1, Windows-1252) is refused with
 * the offset of the first bad byte and how to convert it; a UTF-8 byte order mark is dropped.
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
    if (bytes.length >= 2
        && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
            || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
      throw new IllegalArgumentException(
          ("%s is UTF-16 text (it starts with the byte order mark 0x%02X 0x%02X), not UTF-8;"
                  + " save it as UTF-8, e.g. iconv -f utf-16 -t utf-8")
              .formatted(name, bytes[0] & 0xFF, bytes[1] & 0xFF));
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new IllegalArgumentException(
            ("%s is not UTF-8 text: it looks binary (a NUL byte at offset %d); give a UTF-8 text"
                    + " file")
                .formatted(name, i));
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    String text;
    try {
      text = decoder.decode(in).toString();
    } catch (CharacterCodingException e) {
      int at = in.position();
      throw new IllegalArgumentException(
          ("%s is not UTF-8 text (byte 0x%02X at offset %d is invalid); convert it, e.g. iconv -f"
                  + " latin1 -t utf-8")
              .formatted(name, bytes[Math.min(at, bytes.length - 1)] & 0xFF, at));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException(name + " is empty; give a UTF-8 text file");
    }
    return text;
  }
}
