package org.rnnkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --out DIR}, the folder a command writes its results to; the command gives the default
 * ({@code rnnkit-} and its name, so that two commands never overwrite each other's files).
 */
final class OutOption {
  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "output folder (default: ${DEFAULT-VALUE})")
  private Path out;

  OutOption(String defaultFolder) {
    out = Path.of(defaultFolder);
  }

  Path value() {
    return out;
  }

  /** Creates the folder (and its parents), or fails as a user error saying why. */
  Path create() {
    if (out.toString().isEmpty()) {
      throw new UserError("--out is empty; give the folder to write to");
    }
    if (Files.isRegularFile(out)) {
      throw new UserError("--out " + out + " is a file; give a folder");
    }
    try {
      return Files.createDirectories(out);
    } catch (IOException e) {
      throw new UserError(
          "cannot create the --out folder %s (%s); give a folder you can write to"
              .formatted(out, e),
          e);
    }
  }
}
