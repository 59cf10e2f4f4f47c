package org.rnnkit.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Named arrays in a ZIP of {@code <key>.npy} entries, which {@code numpy.load} opens as an {@code
 * .npz} ({@code np.load(f)["head.weight"]}). Other entries, such as {@code model.json}, travel
 * alongside as bytes.
 *
 * <p>Writing uses ZIP_DEFLATED and a fixed entry time (1980-01-01), so the same arrays give the
 * same bytes. Keys are {@code [A-Za-z0-9_.-]}, start with a letter, digit or underscore, and hold
 * no {@code ..}.
 *
 * <p>Reading checks, before it reads any data: that the file is a ZIP; that no entry name is empty,
 * absolute, holds {@code ..}, a backslash or a control character, or appears twice; that each
 * entry's declared size fits its compressed size (at most {@value #MAX_DEFLATE_RATIO}:1, more than
 * deflate can reach) and that all declared sizes together stay within a limit (zip bombs). While
 * reading it counts the bytes each entry really inflates to and checks every entry's CRC-32, so a
 * damaged file fails with a "corrupt" message instead of yielding wrong numbers.
 */
public final class Npz {
  /** Default bound on the sum of the entries' uncompressed sizes: 2 GiB. */
  public static final long DEFAULT_MAX_BYTES = 1L << 31;

  /** Deflate never expands by more than about 1032:1; a larger declared ratio is a lie. */
  static final long MAX_DEFLATE_RATIO = 1100;

  private static final String NPY = ".npy";
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  /**
   * An .npz's content.
   *
   * @param arrays each {@code <key>.npy} entry by key, in file order
   * @param files every other entry's bytes by entry name, in file order
   */
  public record Contents(Map<String, NdArray> arrays, Map<String, byte[]> files) {
    public Contents {
      arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
      files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }
  }

  private Npz() {}

  /** Reads {@code file} with the {@link #DEFAULT_MAX_BYTES} bound. */
  public static Contents read(Path file) throws IOException {
    return read(file, DEFAULT_MAX_BYTES);
  }

  /**
   * Reads every entry of {@code file}, validating as described in the class comment.
   *
   * @param maxBytes the most uncompressed bytes all entries may declare together
   * @throws ModelFileException when the file is not a ZIP, is truncated or corrupt, has an unsafe
   *     or repeated entry name, exceeds {@code maxBytes}, or holds an unsupported .npy
   */
  public static Contents read(Path file, long maxBytes) throws IOException {
    try (NpzArchive archive = NpzArchive.open(file, maxBytes)) {
      Map<String, NdArray> arrays = new LinkedHashMap<>();
      Map<String, byte[]> files = new LinkedHashMap<>();
      for (String key : archive.arrayKeys()) {
        arrays.put(key, archive.array(key));
      }
      for (String name : archive.fileNames()) {
        files.put(name, archive.file(name));
      }
      return new Contents(arrays, files);
    }
  }

  /** Writes {@code arrays} to {@code file} atomically. */
  public static void write(Path file, Map<String, NdArray> arrays) throws IOException {
    write(file, arrays, Map.of());
  }

  /**
   * Writes {@code arrays} and {@code files} to {@code file} atomically: a temporary file in the
   * same folder, forced to disk and renamed over the target, so a failed save leaves an existing
   * file as it was.
   *
   * @param arrays Not modified. By key; see the class comment for the allowed keys.
   * @param files Not modified. Other entries by their full name, which must not end in {@code
   *     .npy}.
   */
  public static void write(Path file, Map<String, NdArray> arrays, Map<String, byte[]> files)
      throws IOException {
    checkNames(arrays, files);
    AtomicFile.write(file, out -> write(out, arrays, files));
  }

  /**
   * Writes the ZIP to {@code out}: the arrays in map order, then the files.
   *
   * @param out Modified: the ZIP is appended; not closed.
   */
  public static void write(OutputStream out, Map<String, NdArray> arrays, Map<String, byte[]> files)
      throws IOException {
    checkNames(arrays, files);
    ZipOutputStream zip = new ZipOutputStream(out);
    for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
      zip.putNextEntry(entry(e.getKey() + NPY));
      Npy.write(e.getValue(), zip);
      zip.closeEntry();
    }
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      zip.putNextEntry(entry(e.getKey()));
      zip.write(e.getValue());
      zip.closeEntry();
    }
    zip.finish();
  }

  /**
   * Fails unless {@code key} may name an array: {@code [A-Za-z0-9_.-]}, not starting with a dot or
   * dash, no {@code ..}.
   */
  public static void checkKey(String key) {
    if (key == null || !KEY.matcher(key).matches() || key.contains("..")) {
      throw new IllegalArgumentException(
          ("array name %s is not allowed: use letters, digits, '_', '-' and single '.', starting"
                  + " with a letter, digit or '_', e.g. optimizer.adam.m.weight_ih_l0")
              .formatted(key == null ? "null" : "'" + key + "'"));
    }
  }

  private static void checkNames(Map<String, NdArray> arrays, Map<String, byte[]> files) {
    arrays.keySet().forEach(Npz::checkKey);
    for (String name : files.keySet()) {
      checkKey(name);
      if (name.endsWith(NPY)) {
        throw new IllegalArgumentException(
            "file entry %s ends in .npy, which marks arrays; pass it as an array".formatted(name));
      }
    }
  }

  private static ZipEntry entry(String name) {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(ENTRY_TIME);
    return entry;
  }

  static ModelFileException corrupt(Path file, String entry, String detail, Throwable cause) {
    return new ModelFileException(
        ("%s is corrupt: entry %s %s; the file was damaged after it was written, restore it from"
                + " a copy or save it again")
            .formatted(file, entry, detail),
        cause);
  }
}
