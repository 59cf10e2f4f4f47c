package org.rnnkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where Jupyter looks for user kernelspecs, as jupyter_core's jupyter_data_dir(). */
class KernelSpecTest {
  private static final Path HOME = Path.of("/home/u");

  @Test
  void theUserKernelsFolderFollowsJupytersRules() {
    assertEquals(
        Path.of("/data/kernels"),
        KernelSpec.userKernels(Map.of("JUPYTER_DATA_DIR", "/data"), "Linux", HOME));
    assertEquals(
        Path.of("/xdg/jupyter/kernels"),
        KernelSpec.userKernels(Map.of("XDG_DATA_HOME", "/xdg"), "Linux", HOME));
    assertEquals(
        Path.of("/home/u/.local/share/jupyter/kernels"),
        KernelSpec.userKernels(Map.of(), "Linux", HOME));
    assertEquals(
        Path.of("/home/u/Library/Jupyter/kernels"),
        KernelSpec.userKernels(Map.of(), "Mac OS X", HOME));
    assertEquals(Path.of("/p/share/jupyter/kernels"), KernelSpec.prefixKernels(Path.of("/p")));
  }
}
