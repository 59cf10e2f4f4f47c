package org.rnnkit.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes test recordings with the JDK's own {@code javax.sound.sampled} writer. */
public final class TestWavs {
  private TestWavs() {}

  /** {@code amplitude * sin(2 pi f t)}, {@code seconds} long at {@code rate}. */
  public static double[] tone(double hz, double amplitude, double seconds, int rate) {
    double[] x = new double[(int) Math.round(seconds * rate)];
    for (int n = 0; n < x.length; n++) {
      x[n] = amplitude * Math.sin(2 * Math.PI * hz * n / rate);
    }
    return x;
  }

  /**
   * Writes {@code channels[c][n]} (in [-1, 1)) as integer PCM of {@code bits} bits, through the
   * JDK's WAV writer.
   */
  public static void write(
      Path file,
      double[][] channels,
      float rate,
      int bits,
      boolean signed,
      boolean bigEndian,
      AudioFileFormat.Type type)
      throws IOException {
    int width = bits / 8;
    int frames = channels[0].length;
    int count = channels.length;
    byte[] bytes = new byte[frames * count * width];
    double scale = Math.pow(2, bits - 1);
    int at = 0;
    for (int n = 0; n < frames; n++) {
      for (double[] channel : channels) {
        long v = Math.round(channel[n] * scale);
        v = Math.max(-(long) scale, Math.min((long) scale - 1, v));
        if (!signed) {
          v += (long) scale;
        }
        for (int i = 0; i < width; i++) {
          int shift = 8 * (bigEndian ? width - 1 - i : i);
          bytes[at + i] = (byte) (v >> shift);
        }
        at += width;
      }
    }
    AudioFormat format = new AudioFormat(rate, bits, count, signed, bigEndian);
    try (AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(bytes), format, frames)) {
      AudioSystem.write(in, type, file.toFile());
    }
  }

  /** A mono 16-bit signed little-endian WAV. */
  public static void write16(Path file, double[] samples, int rate) throws IOException {
    write(file, new double[][] {samples}, rate, 16, true, false, AudioFileFormat.Type.WAVE);
  }
}
