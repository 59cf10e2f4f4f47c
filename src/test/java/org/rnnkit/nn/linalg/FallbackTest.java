package org.rnnkit.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Where OpenBLAS's native library does not load (simulated by asking JavaCPP for another platform's
 * natives), the products fall back to Java and still compute; forcing {@code rnnkit.blas=java}
 * skips loading altogether.
 */
class FallbackTest {

  /** Run in a fresh JVM: prints the backend in use and one product. */
  public static void main(String[] args) {
    DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
    DMatrixRMaj c = new DMatrixRMaj(2, 2);
    MatMul.current().multTransB(Block.of(a), Block.of(a), Block.of(c));
    System.out.println(MatMul.current().name() + " " + c.get(0, 0) + " " + c.get(1, 1));
  }

  private static String run(String... properties) throws IOException, InterruptedException {
    Process p = start(properties);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private static String runExpectingFailure(String... properties)
      throws IOException, InterruptedException {
    Process p = start(properties);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
    assertNotEquals(0, p.exitValue(), out);
    return out;
  }

  private static Process start(String... properties) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
    command.addAll(List.of(properties));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), FallbackTest.class.getName()));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void fallsBackToJavaWhereTheNativeLibraryDoesNotLoad() throws Exception {
    String out = run("-Dorg.bytedeco.javacpp.platform=linux-ppc64le");
    assertTrue(out.endsWith("java 5.0 25.0"), out);
  }

  @Test
  void anUnknownBackendIsNamedWithTheChoices() throws Exception {
    String out = runExpectingFailure("-Drnnkit.blas=mkl");
    assertTrue(out.contains("rnnkit.blas must be auto, openblas or java, got 'mkl'"), out);
  }

  @Test
  void javaCanBeForced() throws Exception {
    String out = run("-Drnnkit.blas=java");
    assertTrue(out.endsWith("java 5.0 25.0"), out);
  }
}
