package org.rnnkit.notebook;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnkit.io.AtomicFile;

/**
 * rnnkit's Jupyter kernelspec: a folder {@code kernels/java} holding {@code kernel.json}, which
 * tells Jupyter to start {@code java -jar /abs/path/rnnkit.jar notebook kernel {connection_file}}
 * for notebooks whose kernel is {@code java}. Written to the user's Jupyter data folder (as {@code
 * jupyter kernelspec install --user}) or under a prefix (as {@code --prefix}).
 */
public final class KernelSpec {
  /** The name Jupyter shows in its kernel menu. */
  public static final String DISPLAY_NAME = "rnnkit (Java)";

  private KernelSpec() {}

  /**
   * The folder Jupyter reads user kernelspecs from: {@code $JUPYTER_DATA_DIR/kernels}, else {@code
   * $XDG_DATA_HOME/jupyter/kernels} or {@code ~/.local/share/jupyter/kernels} on Linux, {@code
   * ~/Library/Jupyter/kernels} on macOS, {@code %APPDATA%\jupyter\kernels} on Windows.
   */
  public static Path userKernels(Map<String, String> env, String osName, Path home) {
    String dataDir = env.get("JUPYTER_DATA_DIR");
    if (dataDir != null && !dataDir.isBlank()) {
      return Path.of(dataDir, "kernels");
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("mac")) {
      return home.resolve("Library/Jupyter/kernels");
    }
    if (os.startsWith("windows") && env.get("APPDATA") != null) {
      return Path.of(env.get("APPDATA"), "jupyter", "kernels");
    }
    String xdg = env.get("XDG_DATA_HOME");
    Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share");
    return data.resolve("jupyter/kernels");
  }

  /** The kernels folder under an installation prefix: {@code PREFIX/share/jupyter/kernels}. */
  public static Path prefixKernels(Path prefix) {
    return prefix.resolve("share/jupyter/kernels");
  }

  /**
   * Writes {@code kernels/java/kernel.json} for {@code jar}, run by {@code java}; replaces an
   * earlier rnnkit kernelspec.
   *
   * @return the kernel.json written
   * @throws IllegalArgumentException if another kernel named {@code java} (IJava, JJava) is there
   */
  public static Path install(Path kernels, Path jar, Path java) throws IOException {
    Path folder = kernels.resolve(Notebook.KERNEL_NAME);
    Path file = folder.resolve("kernel.json");
    if (Files.exists(file) && !isRnnKit(file)) {
      throw new IllegalArgumentException(
          "another kernel named java is installed in "
              + folder
              + "; remove it first (jupyter kernelspec remove java) to install rnnkit's");
    }
    Files.createDirectories(folder);
    AtomicFile.writeString(file, json(jar, java));
    return file;
  }

  /**
   * Removes rnnkit's kernelspec from {@code kernels}.
   *
   * @return the folder removed
   * @throws IllegalArgumentException if there is none, or the kernel named java there is not
   *     rnnkit's
   */
  public static Path uninstall(Path kernels) throws IOException {
    Path folder = kernels.resolve(Notebook.KERNEL_NAME);
    Path file = folder.resolve("kernel.json");
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no rnnkit kernel is installed in " + kernels);
    }
    if (!isRnnKit(file)) {
      throw new IllegalArgumentException(
          "the kernel named java in " + folder + " is not rnnkit's; leaving it in place");
    }
    try (var files = Files.list(folder)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(folder);
    return folder;
  }

  /** The kernel.json text: how Jupyter starts the kernel. */
  static String json(Path jar, Path java) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "argv",
        List.of(
            java.toAbsolutePath().toString(),
            "-jar",
            jar.toAbsolutePath().toString(),
            "notebook",
            "kernel",
            "{connection_file}"));
    spec.put("display_name", DISPLAY_NAME);
    spec.put("language", "java");
    spec.put("interrupt_mode", "message");
    spec.put("env", Map.of());
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
  }

  /** Whether a kernel.json starts rnnkit's kernel ({@code ... notebook kernel ...}). */
  private static boolean isRnnKit(Path file) throws IOException {
    JsonElement json;
    try {
      json = JsonParser.parseString(Files.readString(file));
    } catch (JsonParseException e) {
      return false;
    }
    JsonElement argv = json.isJsonObject() ? json.getAsJsonObject().get("argv") : null;
    if (argv == null || !argv.isJsonArray()) {
      return false;
    }
    List<String> args = new ArrayList<>();
    argv.getAsJsonArray().forEach(a -> args.add(a.isJsonPrimitive() ? a.getAsString() : ""));
    int notebook = args.indexOf("notebook");
    return notebook >= 0 && notebook + 1 < args.size() && args.get(notebook + 1).equals("kernel");
  }
}
