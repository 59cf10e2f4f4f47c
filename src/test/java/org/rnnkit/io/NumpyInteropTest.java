package org.rnnkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * numpy itself reads what we write. Runs only where {@code /usr/bin/python3 -c 'import numpy'}
 * works; elsewhere the byte-level tests against committed np.save output stand in for it.
 */
class NumpyInteropTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final String LIST_ARRAYS =
      String.join(
          "\n",
          "import numpy as np, sys, json",
          "d = np.load(sys.argv[1])",
          "for k in d.files:",
          "    a = d[k]",
          "    if isinstance(a, bytes):",
          "        print(k, 'bytes', json.loads(a)['format'])",
          "    else:",
          "        print(k, a.dtype.str, list(a.shape), a.astype('<f8').tobytes().hex())");

  @TempDir Path dir;

  @Test
  void numpyLoadReadsOurNpzBitForBit() throws Exception {
    assumeTrue(numpyAvailable(), "no /usr/bin/python3 with numpy here");
    Map<String, NdArray> arrays =
        Map.of(
            "head.weight", NdArray.of(new double[] {1.5, -0.0, Math.PI, 1e-310, 7, 8}, 2, 3),
            "bias", NdArray.of(new double[] {Double.NaN, Double.NEGATIVE_INFINITY}, 2),
            "scalar", NdArray.of(new double[] {-2.5}),
            "empty", NdArray.of(new double[0], 0, 4));
    Path file = dir.resolve("ours.npz");
    Npz.write(
        file, arrays, Map.of("model.json", "{\"format\": \"x\"}".getBytes(StandardCharsets.UTF_8)));
    List<String> lines = run(file);
    assertEquals(arrays.size() + 1, lines.size(), String.join("\n", lines));
    for (String line : lines) {
      String[] parts = line.split(" ", 3);
      if (parts[1].equals("bytes")) {
        assertEquals("model.json bytes x", line);
        continue;
      }
      NdArray expected = arrays.get(parts[0]);
      assertEquals("<f8", parts[1], line);
      String shape = java.util.Arrays.toString(expected.shape());
      assertEquals(shape + " " + hex(expected.data()), parts[2], line);
    }
  }

  private static String hex(double[] values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      b.putDouble(v);
    }
    return HexFormat.of().formatHex(b.array());
  }

  private static boolean numpyAvailable() throws InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy").start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> run(Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(PYTHON.toString(), "-c", LIST_ARRAYS, file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "python timed out");
    assertEquals(0, p.exitValue(), out);
    return out.lines().toList();
  }
}
