package org.rnnkit.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every PCM layout the JDK writes as WAV reads back as the samples it was made from. (A WAV holds
 * 8-bit samples unsigned and wider ones signed, little-endian; the JDK's writer converts signed
 * 8-bit and big-endian input to that.)
 */
class WavReaderTest {
  @TempDir Path dir;

  private static final double[] RAMP = {0, 0.25, -0.5, 0.75, -1, 0.125, -0.0625, 0.5};

  @ParameterizedTest(name = "{0}-bit signed={1} bigEndian={2} rate={3}")
  @CsvSource({
    "8, false, false, 8000",
    "16, true, false, 8000",
    "16, true, true, 16000",
    "24, true, false, 44100",
    "24, true, true, 22050",
    "32, true, false, 48000",
    "32, true, true, 11025",
    "8, true, false, 8000",
  })
  void monoLayoutsReadBackExactly(int bits, boolean signed, boolean bigEndian, int rate)
      throws IOException {
    Path file = dir.resolve("x.wav");
    TestWavs.write(
        file, new double[][] {RAMP}, rate, bits, signed, bigEndian, AudioFileFormat.Type.WAVE);
    Audio a = WavReader.read(file);
    assertEquals(rate, a.sampleRate());
    // the ramp's values are exact in every width (multiples of 2^-4)
    assertEquals(Arrays.toString(RAMP), Arrays.toString(a.samples()));
  }

  @Test
  void stereoIsMixedDownToTheMeanOfTheChannels() throws IOException {
    Path file = dir.resolve("stereo.wav");
    double[] left = {0.5, -0.5, 0.25, 0};
    double[] right = {0.25, 0.5, -0.75, 0};
    TestWavs.write(
        file, new double[][] {left, right}, 8000, 16, true, false, AudioFileFormat.Type.WAVE);
    assertEquals(
        Arrays.toString(new double[] {0.375, 0, -0.25, 0}),
        Arrays.toString(WavReader.read(file).samples()));
  }

  @Test
  void compressedWavIsRefusedByName() throws IOException {
    Path file = dir.resolve("mulaw.wav");
    AudioFormat pcm = new AudioFormat(8000, 16, 1, true, false);
    byte[] bytes = new byte[1600];
    try (AudioInputStream in =
        AudioSystem.getAudioInputStream(
            AudioFormat.Encoding.ULAW,
            new AudioInputStream(new ByteArrayInputStream(bytes), pcm, 800))) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
    }
    var e = assertThrows(AudioFileException.class, () -> WavReader.read(file));
    assertTrue(
        e.getMessage().contains("mulaw.wav") && e.getMessage().contains("ULAW"), e.getMessage());
  }

  @Test
  void notAWavIsRefusedByName() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.wav"), "these are not samples\n");
    var e = assertThrows(AudioFileException.class, () -> WavReader.read(text));
    assertTrue(e.getMessage().startsWith(text + " is not a PCM WAV file"), e.getMessage());

    Path aiff = dir.resolve("x.aiff");
    TestWavs.write(aiff, new double[][] {RAMP}, 8000, 16, true, true, AudioFileFormat.Type.AIFF);
    var e2 = assertThrows(AudioFileException.class, () -> WavReader.read(aiff));
    assertTrue(e2.getMessage().contains("not a WAV"), e2.getMessage());
  }

  @Test
  void truncatedEmptyAndMissingFilesAreRefusedByName() throws IOException {
    Path full = dir.resolve("full.wav");
    TestWavs.write16(full, TestWavs.tone(440, 0.5, 0.1, 8000), 8000);
    byte[] bytes = Files.readAllBytes(full);
    Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(bytes, bytes.length - 100));
    var e = assertThrows(AudioFileException.class, () -> WavReader.read(cut));
    assertTrue(e.getMessage().contains("cut.wav is truncated"), e.getMessage());

    Path zero = Files.write(dir.resolve("zero.wav"), new byte[0]);
    var e2 = assertThrows(AudioFileException.class, () -> WavReader.read(zero));
    assertTrue(e2.getMessage().contains("zero.wav"), e2.getMessage());

    Path silent = dir.resolve("nosamples.wav");
    TestWavs.write16(silent, new double[0], 8000);
    var e3 = assertThrows(AudioFileException.class, () -> WavReader.read(silent));
    assertTrue(e3.getMessage().contains("nosamples.wav holds no samples"), e3.getMessage());

    var e4 =
        assertThrows(AudioFileException.class, () -> WavReader.read(dir.resolve("missing.wav")));
    assertTrue(e4.getMessage().contains("missing.wav: no such file"), e4.getMessage());
  }
}
