package org.rnnkit.io;

import java.io.IOException;

/**
 * A model, {@code .npy} or {@code .npz} file that cannot be read or written as asked: not a ZIP,
 * corrupt, truncated, an unsupported format or dtype, a shape that does not match the model. The
 * message names the file or entry, the problem and the fix.
 */
public final class ModelFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public ModelFileException(String message) {
    super(message);
  }

  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
