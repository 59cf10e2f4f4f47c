package org.rnnkit.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.LastStep;

/**
 * Issue 20: a model file is read model.json first and then only the arrays it lists, each array's
 * header checked before its values are read, so a small file that declares a large array costs
 * nothing before it is refused.
 */
class ModelFileReadOrderTest {
  @TempDir Path dir;

  @Test
  void anUnlistedArrayIsRefusedBeforeAnyArrayIsRead() throws IOException {
    Path file = savedWith("junk", Npy.header(4096, 4096));
    String[] message = new String[1];
    long allocated =
        allocatedWhile(
            () ->
                message[0] =
                    assertThrows(ModelFileException.class, () -> ModelFile.read(file))
                        .getMessage());
    assertTrue(message[0].contains("junk") && message[0].contains("listed neither"), message[0]);
    assertTrue(allocated < 32L << 20, "allocated " + (allocated >> 20) + " MiB");
  }

  @Test
  void aListedArrayLargerThanTheDescriptionIsRefusedFromItsHeader() throws IOException {
    Path file = savedWith("head.weight", Npy.header(4096, 4096));
    String[] message = new String[1];
    long allocated =
        allocatedWhile(
            () ->
                message[0] =
                    assertThrows(ModelFileException.class, () -> ModelFile.load(file))
                        .getMessage());
    assertTrue(message[0].contains("parameter values"), message[0]);
    assertTrue(allocated < 32L << 20, "allocated " + (allocated >> 20) + " MiB");
  }

  /**
   * A saved two-layer model whose entry {@code key.npy} is replaced by {@code header} and the 128
   * MiB of zeros it declares, deflated (128 KiB in the file).
   */
  private Path savedWith(String key, byte[] header) throws IOException {
    Path file = dir.resolve("model.npz");
    Random rng = new Random(1);
    ModelFile.save(
        file, new SequenceModel(new LastStep(), new Dense("head", 3, 2, Activation.IDENTITY, rng)));
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    }
    entries.remove(key + ".npy");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.setLevel(Deflater.BEST_SPEED);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry(key + ".npy"));
      zip.write(header);
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 128; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    return file;
  }

  static long allocatedWhile(Runnable body) {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    body.run();
    return bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
  }
}
