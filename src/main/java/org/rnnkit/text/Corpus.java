package org.rnnkit.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rnnkit.data.Utf8Text;

/**
 * A text to train a character model on: its name and its characters, read as UTF-8 and checked to
 * be text. The default corpus, Jane Austen's "Pride and Prejudice" (provenance in the project's
 * datasets/README.md), ships in the jar.
 *
 * @param name how messages and reports name the corpus (the file name)
 * @param text the whole text; a leading byte-order mark is dropped
 */
public record Corpus(String name, String text) {
  /** The name of the bundled default corpus. */
  public static final String DEFAULT = "pride-and-prejudice";

  /** Files larger than this are refused: a character model trains on a few MB at most. */
  public static final long MAX_BYTES = 256L << 20;

  public Corpus {
    if (text.isEmpty()) {
      throw new IllegalArgumentException(name + " is empty; give a UTF-8 text file");
    }
  }

  /** The bundled default corpus. */
  public static Corpus bundled() {
    String resource = "/org/rnnkit/datasets/" + DEFAULT + ".txt";
    try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + resource + "; rebuild it with Maven");
      }
      return new Corpus(DEFAULT, decode(DEFAULT, in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a UTF-8 text file.
   *
   * @throws IllegalArgumentException naming the problem and the fix when the file is missing,
   *     empty, too large, binary (a NUL byte) or not UTF-8
   * @throws IOException when the file exists but cannot be read
   */
  public static Corpus read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "cannot read " + file + ": no such file; check the --corpus path");
    }
    long size = Files.size(file);
    if (size == 0) {
      throw new IllegalArgumentException(file + " is empty; give a UTF-8 text file");
    }
    if (size > MAX_BYTES) {
      throw new IllegalArgumentException(
          "%s has %d bytes; a character model trains on at most %d MB, cut it shorter"
              .formatted(file, size, MAX_BYTES >> 20));
    }
    return new Corpus(
        file.getFileName().toString(), decode(file.toString(), Files.readAllBytes(file)));
  }

  /** The bytes as UTF-8 text, refusing NUL bytes (binary files) and malformed UTF-8. */
  static String decode(String name, byte[] bytes) {
    return Utf8Text.decode(name, bytes);
  }
}
