package org.rnnkit.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The output folder of a run, replaced as a whole so that a reader sees either the whole earlier
 * run or the whole new one, never a mix: the run writes into a fresh sibling folder ({@link
 * #staging()}, {@code .<name>.new-<id>}), and {@link #commit()} renames the earlier folder aside
 * ({@code .<name>.old-<id>}), renames the new one into place and deletes the earlier one.
 *
 * <p>{@link #prepare} checks the location before any work: not empty, not the current folder or one
 * holding it, not a file, holding nothing but a run's own outputs, and writable (it creates the
 * staging folder). It also finishes what a killed run left: an earlier folder renamed aside but not
 * replaced is put back; staging folders and set-aside folders of killed runs are deleted.
 *
 * <pre>{@code
 * try (RunFolder run = RunFolder.prepare(out, Set.of("forecast.csv", "model.npz"))) {
 *   ... train ...
 *   AtomicFile.writeString(run.staging().resolve("forecast.csv"), csv);
 *   run.commit();
 * } // not committed: the staging folder is deleted, the earlier run stays
 * }</pre>
 *
 * Two runs writing to the same folder at the same time are not supported: the later one's
 * preparation deletes the earlier one's staging folder, which then fails to commit.
 */
final class RunFolder implements AutoCloseable {
  private static final String NEW = ".new-";
  private static final String OLD = ".old-";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path target;
  private final Path staging;
  private boolean committed;

  private RunFolder(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /**
   * Checks {@code out} and creates the staging folder beside it.
   *
   * @param names the files a run writes; an existing folder may hold only these (and temporary
   *     {@code .*.tmp} files of an interrupted write)
   * @throws IllegalArgumentException naming the problem with {@code out} and the fix
   * @throws IOException when the file system fails otherwise
   */
  static RunFolder prepare(Path out, Set<String> names) throws IOException {
    if (out.toString().isEmpty()) {
      throw new IllegalArgumentException("--out is empty; give the folder to write to");
    }
    Path target = out.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Path here = Path.of("").toAbsolutePath().normalize();
    if (parent == null || here.startsWith(target)) {
      throw new IllegalArgumentException(
          "--out %s is %s; a run replaces its output folder, so give a folder of its own, e.g. %s"
              .formatted(
                  out,
                  parent == null ? "the root folder" : "the current folder or holds it",
                  Path.of("rnnkit-out")));
    }
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new IllegalArgumentException("--out %s is a file; give a folder".formatted(out));
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot create the folder %s for --out %s (%s)".formatted(parent, out, e), e);
    }
    String name = target.getFileName().toString();
    recover(parent, name, target);
    if (Files.isDirectory(target)) {
      List<String> foreign = foreign(target, names);
      if (!foreign.isEmpty()) {
        throw new IllegalArgumentException(
            ("--out %s holds %s, which this run does not write; a run replaces its folder whole,"
                    + " so give a new or empty folder, or the folder of an earlier run")
                .formatted(out, foreign.size() > 5 ? foreign.subList(0, 5) + "..." : foreign));
      }
    }
    Path staging;
    try {
      staging = createStaging(parent, name);
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalArgumentException(
          "cannot write to --out %s: creating a folder in %s failed (%s)".formatted(out, parent, e),
          e);
    }
    return new RunFolder(target, staging);
  }

  /** {@code .<name>.new-<random>}, created new with the folder's usual permissions. */
  private static Path createStaging(Path parent, String name) throws IOException {
    while (true) {
      byte[] id = new byte[8];
      RANDOM.nextBytes(id);
      try {
        return Files.createDirectory(
            parent.resolve("." + name + NEW + HexFormat.of().formatHex(id)));
      } catch (FileAlreadyExistsException e) {
        // drawn before: draw again
      }
    }
  }

  /** Where the run writes its files until {@link #commit()}. */
  Path staging() {
    return staging;
  }

  /** The output folder. */
  Path target() {
    return target;
  }

  /**
   * Replaces the output folder with the staging folder: the earlier folder, if any, is renamed
   * aside, the new one renamed into place, the earlier one deleted.
   */
  void commit() throws IOException {
    Path parent = target.getParent();
    sync(staging);
    Path aside = null;
    if (Files.exists(target)) {
      String id = staging.getFileName().toString();
      aside =
          parent.resolve("." + target.getFileName() + OLD + id.substring(id.lastIndexOf('-') + 1));
      Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
    sync(parent);
    if (aside != null) {
      deleteTree(aside);
    }
  }

  /** Deletes the staging folder unless the run was committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      deleteTree(staging);
    }
  }

  /**
   * Puts back an earlier folder that a killed run renamed aside without replacing it, and deletes
   * what killed runs left: staging folders and folders set aside.
   */
  private static void recover(Path parent, String name, Path target) throws IOException {
    List<Path> aside = new ArrayList<>();
    List<Path> stale = new ArrayList<>();
    try (DirectoryStream<Path> siblings =
        Files.newDirectoryStream(
            parent, p -> p.getFileName().toString().startsWith("." + name + "."))) {
      for (Path p : siblings) {
        String f = p.getFileName().toString();
        if (f.startsWith("." + name + OLD)) {
          aside.add(p);
        } else if (f.startsWith("." + name + NEW)) {
          stale.add(p);
        }
      }
    }
    if (!Files.exists(target) && aside.size() == 1) {
      Files.move(aside.remove(0), target, StandardCopyOption.ATOMIC_MOVE);
    }
    for (Path p : aside) {
      deleteTree(p);
    }
    for (Path p : stale) {
      deleteTree(p);
    }
  }

  /** The entries of {@code folder} other than {@code names} and temporary {@code .*.tmp} files. */
  private static List<String> foreign(Path folder, Set<String> names) throws IOException {
    Set<String> foreign = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path p : entries) {
        String f = p.getFileName().toString();
        boolean temporary = f.startsWith(".") && f.endsWith(".tmp") && Files.isRegularFile(p);
        if (!names.contains(f) && !temporary) {
          foreign.add(f);
        }
      }
    }
    return new ArrayList<>(foreign);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Makes a folder's entries durable where the platform allows forcing a folder. */
  private static void sync(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // folders cannot be opened or forced on this platform; the renames are still atomic
    }
  }
}
