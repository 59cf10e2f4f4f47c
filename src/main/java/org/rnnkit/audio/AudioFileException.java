package org.rnnkit.audio;

import java.io.IOException;

/**
 * A file that is not a readable PCM WAV recording (not a WAV, compressed, truncated, empty); the
 * message names the file, the problem and the fix.
 */
public final class AudioFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public AudioFileException(String message) {
    super(message);
  }

  public AudioFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
