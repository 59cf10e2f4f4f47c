package org.rnnkit.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnkit.audio.Audio;
import org.rnnkit.audio.TestWavs;

/**
 * Small made-up "words" for fast tests: a rising chirp, a falling chirp and a two-tone beep, each
 * of a different length, said by "speakers" who differ in pitch and take.
 */
final class SyntheticWords {
  static final List<String> WORDS = List.of("up", "down", "beep");

  private SyntheticWords() {}

  /** One rendition of {@code word} by speaker s (0, 1, ...) in take {@code index}. */
  static double[] samples(String word, int speaker, int index) {
    int rate = 8000;
    double pitch = 1 + 0.15 * speaker + 0.03 * index;
    double seconds = 0.2 + 0.08 * WORDS.indexOf(word) + 0.02 * index;
    int n = (int) (seconds * rate);
    double[] x = new double[n];
    double phase = 0;
    for (int i = 0; i < n; i++) {
      double f = i / (double) n;
      double hz =
          switch (word) {
            case "up" -> 300 + 1500 * f;
            case "down" -> 1800 - 1500 * f;
            default -> f < 0.5 ? 600 : 1400;
          };
      phase += 2 * Math.PI * hz * pitch / rate;
      x[i] = 0.4 * Math.sin(phase) * Math.sin(Math.PI * f);
    }
    return x;
  }

  /** Recordings of every word by {@code speakers} speakers, {@code takes} takes each. */
  static List<Recording> recordings(int speakers, int takes) {
    List<Recording> out = new ArrayList<>();
    for (int s = 0; s < speakers; s++) {
      for (String w : WORDS) {
        for (int i = 0; i < takes; i++) {
          String name = "%s_s%d_%d.wav".formatted(w, s, i);
          out.add(new Recording(Utterance.parse(name), new Audio(samples(w, s, i), 8000)));
        }
      }
    }
    return out;
  }

  /** Writes {@link #recordings} as WAV files into {@code folder}. */
  static void write(Path folder, int speakers, int takes) throws IOException {
    Files.createDirectories(folder);
    for (Recording r : recordings(speakers, takes)) {
      TestWavs.write16(folder.resolve(r.utterance().file()), r.audio().samples(), 8000);
    }
  }
}
