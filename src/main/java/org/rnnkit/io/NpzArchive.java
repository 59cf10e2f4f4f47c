package org.rnnkit.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An open {@link Npz} file whose entries are read one at a time, so a caller reads a description
 * first and then only the arrays it lists, each once: {@link #file} for a non-array entry such as
 * {@code model.json}, {@link #shape} for an array's header alone (no values allocated), {@link
 * #array} for the values.
 *
 * <p>{@link #open} checks every entry's name and declared size before any data is read (see {@link
 * Npz}); every entry read is counted and CRC-checked as it inflates.
 *
 * <pre>{@code
 * try (NpzArchive npz = NpzArchive.open(file, Npz.DEFAULT_MAX_BYTES)) {
 *   byte[] json = npz.file("model.json", 1 << 20);
 *   int[] shape = npz.shape("head.weight"); // checked before npz.array("head.weight")
 * }
 * }</pre>
 */
public final class NpzArchive implements AutoCloseable {
  private static final String NPY = ".npy";
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  private final Path file;
  private final ZipFile zip;
  private final Map<String, ZipEntry> arrays = new LinkedHashMap<>();
  private final Map<String, ZipEntry> files = new LinkedHashMap<>();

  private NpzArchive(Path file, ZipFile zip, List<ZipEntry> entries) {
    this.file = file;
    this.zip = zip;
    for (ZipEntry entry : entries) {
      String name = entry.getName();
      if (name.endsWith(NPY)) {
        arrays.put(name.substring(0, name.length() - NPY.length()), entry);
      } else {
        files.put(name, entry);
      }
    }
  }

  /**
   * Opens {@code file} and checks its directory: entry names, and declared sizes against the
   * compressed sizes and {@code maxBytes} in total.
   *
   * @throws ModelFileException when the file is not a ZIP, is truncated, has an unsafe or repeated
   *     entry name or declares more than {@code maxBytes}
   */
  public static NpzArchive open(Path file, long maxBytes) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
    ZipFile zip = open(file);
    try {
      return new NpzArchive(file, zip, checkEntries(zip, file, Files.size(file), maxBytes));
    } catch (IOException | RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  /** The keys of the {@code <key>.npy} entries, in file order. */
  public List<String> arrayKeys() {
    return List.copyOf(arrays.keySet());
  }

  /** The names of the other entries, in file order. */
  public List<String> fileNames() {
    return List.copyOf(files.keySet());
  }

  /** The bytes of entry {@code name}, which must be one of {@link #fileNames()}. */
  public byte[] file(String name) throws IOException {
    return file(name, Integer.MAX_VALUE - 8);
  }

  /**
   * The bytes of entry {@code name}, or null when there is none.
   *
   * @param maxBytes the most bytes the entry may declare
   * @throws ModelFileException when it declares more, or is corrupt
   */
  public byte[] file(String name, long maxBytes) throws IOException {
    ZipEntry entry = files.get(name);
    if (entry == null) {
      return null;
    }
    if (entry.getSize() > Math.min(maxBytes, Integer.MAX_VALUE - 8)) {
      throw new ModelFileException(
          "%s: entry %s is %d bytes, more than the %d allowed for it"
              .formatted(file, name, entry.getSize(), Math.min(maxBytes, Integer.MAX_VALUE - 8)));
    }
    try (CheckedEntry in = CheckedEntry.open(zip, entry, file)) {
      byte[] bytes = in.readNBytes((int) entry.getSize());
      in.drainAndVerify(null);
      return bytes;
    }
  }

  /**
   * The shape of array {@code key} from its .npy header alone, checked against the entry's byte
   * count; no values are read or allocated.
   */
  public int[] shape(String key) throws IOException {
    ZipEntry entry = arrayEntry(key);
    try (CheckedEntry in = CheckedEntry.open(zip, entry, file)) {
      try {
        return Npy.readLayout(in, entry.getSize(), where(entry)).shape();
      } catch (ModelFileException e) {
        in.drainAndVerify(e);
        throw e;
      }
    }
  }

  /** The values of array {@code key}. */
  public NdArray array(String key) throws IOException {
    ZipEntry entry = arrayEntry(key);
    try (CheckedEntry in = CheckedEntry.open(zip, entry, file)) {
      NdArray array;
      try {
        array = Npy.read(in, entry.getSize(), where(entry));
      } catch (ModelFileException e) {
        in.drainAndVerify(e);
        throw e;
      }
      in.drainAndVerify(null);
      return array;
    }
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  private ZipEntry arrayEntry(String key) {
    ZipEntry entry = arrays.get(key);
    if (entry == null) {
      throw new IllegalArgumentException(
          "%s has no array %s; its arrays are %s".formatted(file, key, arrays.keySet()));
    }
    return entry;
  }

  private String where(ZipEntry entry) {
    return "%s in %s".formatted(entry.getName(), file);
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
          throw Npz.corrupt(file, name, "its sizes in the ZIP directory are impossible", null);
        }
        if (entry.getMethod() == ZipEntry.DEFLATED
            && size > compressed * Npz.MAX_DEFLATE_RATIO + 1024) {
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
      throw Npz.corrupt(file, "(directory)", e.getMessage(), e);
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
        throw Npz.corrupt(file, entry.getName(), "cannot be opened (" + e.getMessage() + ")", e);
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
        throw Npz.corrupt(file, entry.getName(), "does not inflate (" + e.getMessage() + ")", e);
      }
      if (n > 0) {
        count += n;
        if (count > entry.getSize()) {
          throw Npz.corrupt(
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
        ModelFileException e = Npz.corrupt(file, entry.getName(), problem, null);
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
