package org.rnnkit.speech;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.rnnkit.audio.AudioFileException;
import org.rnnkit.audio.WavReader;

/**
 * Reads a folder of {@code {label}_{speaker}_{index}.wav} recordings, or the spoken digits shipped
 * in the jar (made by {@code scripts/make-spoken-digits.sh}; provenance in datasets/README.md).
 */
public final class Recordings {
  /** Where the shipped dataset lives among the jar's resources. */
  static final String SHIPPED = "/org/rnnkit/datasets/spoken-digits/";

  /** The name the shipped dataset goes by in messages and metrics. */
  public static final String SHIPPED_NAME = "spoken-digits (shipped)";

  private Recordings() {}

  /**
   * What was read, and the files skipped as unreadable (each with its reason) when asked to skip.
   */
  public record Loaded(List<Recording> recordings, List<String> skipped) {}

  /**
   * The WAV files directly in {@code folder}, sorted by name.
   *
   * @throws IllegalArgumentException when the folder has none, or a name does not follow {@link
   *     Utterance#PATTERN} (every such name is listed, up to five)
   */
  public static List<Path> wavFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(
          "%s is not a folder; give --data a folder of %s files"
              .formatted(folder, Utterance.PATTERN));
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
              .sorted()
              .toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "%s has no .wav files; give --data a folder of %s recordings"
              .formatted(folder, Utterance.PATTERN));
    }
    List<String> bad =
        files.stream()
            .map(p -> p.getFileName().toString())
            .filter(n -> !Utterance.isValidName(n))
            .toList();
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException(
          "%d file name%s in %s do%s not follow %s: %s%s; rename them"
              .formatted(
                  bad.size(),
                  bad.size() == 1 ? "" : "s",
                  folder,
                  bad.size() == 1 ? "es" : "",
                  Utterance.PATTERN,
                  String.join(", ", bad.subList(0, Math.min(5, bad.size()))),
                  bad.size() > 5 ? ", ..." : ""));
    }
    return files;
  }

  /**
   * Reads every recording of {@code folder}.
   *
   * @param skipBad false: the first unreadable file stops the reading with an {@link
   *     AudioFileException} naming it; true: unreadable files are left out and listed in {@link
   *     Loaded#skipped()}
   */
  public static Loaded read(Path folder, boolean skipBad) throws IOException {
    List<Recording> recordings = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Path file : wavFiles(folder)) {
      Utterance u = Utterance.parse(file.getFileName().toString());
      try {
        recordings.add(new Recording(u, WavReader.read(file)));
      } catch (AudioFileException e) {
        if (!skipBad) {
          throw e;
        }
        skipped.add(e.getMessage());
      }
    }
    if (recordings.isEmpty()) {
      throw new IllegalArgumentException(
          "none of the %d .wav files in %s could be read; see the skipped files above"
              .formatted(skipped.size(), folder));
    }
    return new Loaded(recordings, skipped);
  }

  /**
   * The distinct words, in numeric order when all are whole numbers (digits), else alphabetical.
   */
  public static List<String> labels(List<Recording> recordings) {
    var words = new java.util.TreeSet<String>();
    recordings.forEach(r -> words.add(r.utterance().label()));
    List<String> out = new ArrayList<>(words);
    if (out.stream().allMatch(w -> w.matches("\\d{1,9}"))) {
      out.sort(java.util.Comparator.comparingInt(Integer::parseInt));
    }
    return out;
  }

  /** Reads the spoken-digit dataset shipped in the jar. */
  public static List<Recording> shipped() throws IOException {
    List<Recording> recordings = new ArrayList<>();
    for (String name : shippedNames()) {
      try (InputStream in = resource(name)) {
        recordings.add(
            new Recording(
                Utterance.parse(name), WavReader.read(new BufferedInputStream(in), name)));
      }
    }
    return recordings;
  }

  private static List<String> shippedNames() throws IOException {
    try (InputStream in = resource("files.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .toList();
    }
  }

  private static InputStream resource(String name) {
    InputStream in = Recordings.class.getResourceAsStream(SHIPPED + name);
    if (in == null) {
      throw new IllegalStateException(
          "the shipped dataset's " + name + " is missing from the jar; rebuild rnnkit");
    }
    return in;
  }
}
