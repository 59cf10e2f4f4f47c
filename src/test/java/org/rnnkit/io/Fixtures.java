package org.rnnkit.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The committed NumPy/PyTorch fixtures in src/test/resources/io (see its README). */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/io/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture io/" + name, e);
    }
  }

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/io/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test fixture io/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
