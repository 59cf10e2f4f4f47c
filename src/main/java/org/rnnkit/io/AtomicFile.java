package org.rnnkit.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes a file so that readers see either the old content or the complete new one: the bytes go to
 * a temporary file in the same folder, are forced to disk, and the temporary file is renamed over
 * the target. On any failure the temporary file is removed and the target is untouched.
 */
public final class AtomicFile {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BUFFER_BYTES = 1 << 16;

  /** Produces the file's bytes; must not close the stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  /** Writes text as UTF-8, atomically. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * Writes what {@code content} produces, atomically.
   *
   * @throws ModelFileException if the target is a folder or its folder does not exist
   */
  public static void write(Path target, Content content) throws IOException {
    Path file = target.toAbsolutePath();
    if (Files.isDirectory(file)) {
      throw new ModelFileException(
          "%s is a folder; give the path of a file to write".formatted(target));
    }
    Path folder = file.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new ModelFileException(
          "cannot write %s: the folder %s does not exist; create it first"
              .formatted(target, folder));
    }
    Path temp = createTemp(folder, file.getFileName().toString());
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out =
              new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES)) {
        content.writeTo(new UnclosableStream(out));
        out.flush();
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
    syncFolder(folder);
  }

  /** {@code .<name>.<random>.tmp}, created new so it gets the folder's usual permissions. */
  private static Path createTemp(Path folder, String name) throws IOException {
    while (true) {
      byte[] id = new byte[8];
      RANDOM.nextBytes(id);
      Path temp = folder.resolve("." + name + "." + HexFormat.of().formatHex(id) + ".tmp");
      try {
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return temp;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another writer picked the same name: draw again
      }
    }
  }

  /** Makes the rename durable where the platform allows forcing a folder (Linux, macOS). */
  private static void syncFolder(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // folders cannot be opened or forced on this platform; the rename itself is still atomic
    }
  }

  /** Passes writes through and turns close into flush, so content cannot close the file early. */
  private static final class UnclosableStream extends FilterOutputStream {
    UnclosableStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
