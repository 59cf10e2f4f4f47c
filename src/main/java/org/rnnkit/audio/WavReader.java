package org.rnnkit.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads PCM WAV files through the JDK's {@code javax.sound.sampled}: 8, 16, 24 or 32-bit samples,
 * signed or unsigned, little or big endian, any number of channels (mixed down to mono by the mean
 * of the channels), any sample rate. A sample {@code s} of {@code n} bits becomes {@code s /
 * 2^(n-1)} in {@code [-1, 1)} (unsigned samples are first shifted by {@code 2^(n-1)}).
 *
 * <p>Anything else fails with an {@link AudioFileException} naming the file: not a WAV (or not a
 * RIFF file at all), a compressed or floating-point encoding (A-law, mu-law, ADPCM, IEEE float),
 * fewer bytes than the header announces (truncated), or no samples at all.
 */
public final class WavReader {
  private WavReader() {}

  /** Reads {@code file} as mono samples at the file's own rate. */
  public static Audio read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new AudioFileException("cannot read " + file + ": no such file");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      return read(raw, file.toString());
    }
  }

  /**
   * Reads a WAV from {@code in} (not closed), naming it {@code name} in messages.
   *
   * @param in must support mark/reset, as {@link BufferedInputStream} does
   */
  public static Audio read(InputStream in, String name) throws IOException {
    AudioFileFormat fileFormat;
    AudioInputStream stream;
    try {
      fileFormat = AudioSystem.getAudioFileFormat(in);
      stream = AudioSystem.getAudioInputStream(in);
    } catch (UnsupportedAudioFileException e) {
      throw new AudioFileException(
          name
              + " is not a PCM WAV file the JDK can read; convert it with"
              + " `sox IN -b 16 -e signed-integer OUT.wav`",
          e);
    }
    if (fileFormat.getType() != AudioFileFormat.Type.WAVE) {
      throw new AudioFileException(
          "%s is a %s file, not a WAV; convert it with `sox IN OUT.wav`"
              .formatted(name, fileFormat.getType()));
    }
    AudioFormat format = stream.getFormat();
    checkFormat(format, name);
    byte[] bytes = stream.readAllBytes();
    int frameSize = format.getFrameSize();
    long announced = stream.getFrameLength();
    long frames = bytes.length / frameSize;
    if (announced != AudioSystem.NOT_SPECIFIED && frames < announced) {
      throw new AudioFileException(
          "%s is truncated: its header announces %d sample frames, the file holds %d; the recording was cut off, export it again"
              .formatted(name, announced, frames));
    }
    if (frames == 0) {
      throw new AudioFileException(name + " holds no samples; record or export it again");
    }
    return new Audio(decode(bytes, (int) frames, format), Math.round(format.getSampleRate()));
  }

  private static void checkFormat(AudioFormat format, String name) throws AudioFileException {
    AudioFormat.Encoding encoding = format.getEncoding();
    if (!AudioFormat.Encoding.PCM_SIGNED.equals(encoding)
        && !AudioFormat.Encoding.PCM_UNSIGNED.equals(encoding)) {
      throw new AudioFileException(
          "%s is encoded as %s, not integer PCM; convert it with `sox IN -b 16 -e signed-integer OUT.wav`"
              .formatted(name, encoding));
    }
    int bits = format.getSampleSizeInBits();
    if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
      throw new AudioFileException(
          "%s has %d-bit samples; 8, 16, 24 or 32-bit PCM is read. Convert it with `sox IN -b 16 OUT.wav`"
              .formatted(name, bits));
    }
    if (format.getChannels() < 1 || format.getFrameSize() != format.getChannels() * bits / 8) {
      throw new AudioFileException(
          "%s has %d channels in %d-byte frames, which does not fit %d-bit samples; the header is damaged"
              .formatted(name, format.getChannels(), format.getFrameSize(), bits));
    }
    if (!(format.getSampleRate() >= 1)) {
      throw new AudioFileException(
          "%s has sample rate %s; the header is damaged".formatted(name, format.getSampleRate()));
    }
  }

  /** Mono samples: the mean over channels of each frame's samples scaled to [-1, 1). */
  private static double[] decode(byte[] bytes, int frames, AudioFormat format) {
    int channels = format.getChannels();
    int width = format.getSampleSizeInBits() / 8;
    boolean bigEndian = format.isBigEndian();
    boolean signed = AudioFormat.Encoding.PCM_SIGNED.equals(format.getEncoding());
    double scale = Math.pow(2, 8 * width - 1);
    long offset = signed ? 0 : 1L << (8 * width - 1);
    double[] out = new double[frames];
    int at = 0;
    for (int f = 0; f < frames; f++) {
      double sum = 0;
      for (int c = 0; c < channels; c++, at += width) {
        sum += (sampleAt(bytes, at, width, bigEndian, signed) - offset) / scale;
      }
      out[f] = sum / channels;
    }
    return out;
  }

  /** The integer sample of {@code width} bytes at {@code at}: sign-extended, or as unsigned. */
  private static long sampleAt(byte[] b, int at, int width, boolean bigEndian, boolean signed) {
    long v = 0;
    for (int i = 0; i < width; i++) {
      int shift = 8 * (bigEndian ? width - 1 - i : i);
      v |= (long) (b[at + i] & 0xff) << shift;
    }
    int unused = 64 - 8 * width;
    return signed ? (v << unused) >> unused : v;
  }
}
