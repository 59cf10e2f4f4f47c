package org.rnnkit.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
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
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

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
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
    try (ZipFile zip = open(file)) {
      List<ZipEntry> entries = checkEntries(zip, file, Files.size(file), maxBytes);
      Map<String, NdArray> arrays = new LinkedHashMap<>();
      Map<String, byte[]> files = new LinkedHashMap<>();
      for (ZipEntry entry : entries) {
        String name = entry.getName();
        if (name.endsWith(NPY)) {
          arrays.put(name.substring(0, name.length() - NPY.length()), readNpy(zip, entry, file));
        } else {
          files.put(name, readBytes(zip, entry, file));
        }
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

  private static ZipFile open(Path file) throws IOException {
    try {
      return new ZipFile(file.toFile());
    } catch (ZipException | EOFException e) {
      byte[] start;
      try (InputStream in = Files.newInputStream(file)) {
        start = in.readNBytes(NPY_MAGIC.length);
      }
      String problem;
      if (startsWith(start, ZIP_MAGIC)) {
        problem = "is a truncated or damaged ZIP (%s); restore it or save it again";
      } else if (startsWith(start, NPY_MAGIC)) {
        problem = "is a single .npy array, not an .npz ZIP (%s); read it with Npy.read";
      } else {
        problem =
            "is not a ZIP/.npz file (%s); model files are written by ModelFile.save or"
                + " numpy.savez";
      }
      throw new ModelFileException(file + " " + problem.formatted(e.getMessage()), e);
    }
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Names and declared sizes of every entry, checked before any data is read. */
  private static List<ZipEntry> checkEntries(ZipFile zip, Path file, long fileSize, long maxBytes)
      throws ModelFileException {
    List<ZipEntry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    long total = 0;
    try {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        String name = entry.getName();
        checkEntryName(name, file);
        if (!names.add(name)) {
          throw new ModelFileException(
              "%s holds two entries named %s; a model file must name each entry once"
                  .formatted(file, name));
        }
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size < 0 || compressed < 0 || compressed > fileSize) {
          throw corrupt(file, name, "its sizes in the ZIP directory are impossible", null);
        }
        if (entry.getMethod() == ZipEntry.DEFLATED
            && size > compressed * MAX_DEFLATE_RATIO + 1024) {
          throw new ModelFileException(
              ("%s: entry %s claims %d bytes from %d compressed, more than deflate can produce;"
                      + " the file is corrupt or a zip bomb")
                  .formatted(file, name, size, compressed));
        }
        total += size;
        if (total > maxBytes) {
          throw new ModelFileException(
              ("%s unpacks to more than %d bytes (at entry %s); if the file is trusted, raise the"
                      + " limit with Npz.read(file, maxBytes)")
                  .formatted(file, maxBytes, name));
        }
        entries.add(entry);
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      // ZipFile reports some malformed central directories this way
      throw corrupt(file, "(directory)", e.getMessage(), e);
    }
    return entries;
  }

  private static void checkEntryName(String name, Path file) throws ModelFileException {
    boolean unsafe =
        name.isEmpty()
            || name.startsWith("/")
            || name.contains("..")
            || name.indexOf('\\') >= 0
            || name.indexOf(':') >= 0
            || name.endsWith("/")
            || name.chars().anyMatch(Character::isISOControl);
    if (unsafe) {
      throw new ModelFileException(
          ("%s holds an entry named '%s'; names that are empty, absolute, folders, or contain"
                  + " '..', '\\', ':' or control characters are refused, since they could escape"
                  + " the archive when unpacked; rewrite the file with plain array names")
              .formatted(file, name));
    }
  }

  private static NdArray readNpy(ZipFile zip, ZipEntry entry, Path file) throws IOException {
    String where = "%s in %s".formatted(entry.getName(), file);
    try (CheckedEntry in = CheckedEntry.open(zip, entry, file)) {
      NdArray array;
      try {
        array = Npy.read(in, entry.getSize(), where);
      } catch (ModelFileException e) {
        in.drainAndVerify(e);
        throw e;
      }
      in.drainAndVerify(null);
      return array;
    }
  }

  private static byte[] readBytes(ZipFile zip, ZipEntry entry, Path file) throws IOException {
    if (entry.getSize() > Integer.MAX_VALUE - 8) {
      throw new ModelFileException(
          "%s: entry %s is %d bytes, too large for a non-array entry"
              .formatted(file, entry.getName(), entry.getSize()));
    }
    try (CheckedEntry in = CheckedEntry.open(zip, entry, file)) {
      byte[] bytes = in.readNBytes((int) entry.getSize());
      in.drainAndVerify(null);
      return bytes;
    }
  }

  static ModelFileException corrupt(Path file, String entry, String detail, Throwable cause) {
    return new ModelFileException(
        ("%s is corrupt: entry %s %s; the file was damaged after it was written, restore it from"
                + " a copy or save it again")
            .formatted(file, entry, detail),
        cause);
  }

  /**
   * An entry's inflated bytes, counted and summed into a CRC-32; reading past the declared size, an
   * inflater failure or a wrong CRC is reported as corruption.
   */
  private static final class CheckedEntry extends InputStream {
    private final InputStream in;
    private final ZipEntry entry;
    private final Path file;
    private final CRC32 crc = new CRC32();
    private long count;

    private CheckedEntry(InputStream in, ZipEntry entry, Path file) {
      this.in = in;
      this.entry = entry;
      this.file = file;
    }

    static CheckedEntry open(ZipFile zip, ZipEntry entry, Path file) throws ModelFileException {
      try {
        return new CheckedEntry(zip.getInputStream(entry), entry, file);
      } catch (IOException e) {
        throw corrupt(file, entry.getName(), "cannot be opened (" + e.getMessage() + ")", e);
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = in.read(b, off, len);
      } catch (ZipException | EOFException e) {
        throw corrupt(file, entry.getName(), "does not inflate (" + e.getMessage() + ")", e);
      }
      if (n > 0) {
        count += n;
        if (count > entry.getSize()) {
          throw corrupt(
              file,
              entry.getName(),
              "holds more than the %d bytes the ZIP directory declares".formatted(entry.getSize()),
              null);
        }
        crc.update(b, off, n);
      }
      return n;
    }

    /**
     * Reads what is left of the entry and checks size and CRC; on a mismatch the corruption is
     * reported, with {@code earlier} (a failure the damage may have caused) attached.
     */
    void drainAndVerify(ModelFileException earlier) throws IOException {
      byte[] skip = new byte[8192];
      try {
        while (read(skip, 0, skip.length) > 0) {
          // counted and summed by read
        }
      } catch (ModelFileException e) {
        if (earlier != null) {
          e.addSuppressed(earlier);
        }
        throw e;
      }
      String problem = null;
      if (count != entry.getSize()) {
        problem = "ends after %d of its %d bytes".formatted(count, entry.getSize());
      } else if (crc.getValue() != entry.getCrc()) {
        problem =
            "fails its CRC-32 check (expected %08x, got %08x)"
                .formatted(entry.getCrc(), crc.getValue());
      }
      if (problem != null) {
        ModelFileException e = corrupt(file, entry.getName(), problem, null);
        if (earlier != null) {
          e.addSuppressed(earlier);
        }
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
