package org.rnnkit.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Which recordings are the test set: {@code index} (takes 0-4 of every speaker, the Free Spoken
 * Digit Dataset's convention) or {@code speaker:NAME} (every take of one speaker, who is then never
 * heard in training).
 *
 * @param speaker the held-out speaker, or null for the index split
 */
public record Split(String speaker) {
  /** Takes below this index are the test set of the index split. */
  public static final int TEST_INDEX_BELOW = 5;

  /** Parses {@code index} or {@code speaker:NAME}. */
  public static Split parse(String text) {
    if (text.toLowerCase(Locale.ROOT).equals("index")) {
      return new Split(null);
    }
    if (text.toLowerCase(Locale.ROOT).startsWith("speaker:") && text.length() > 8) {
      return new Split(text.substring(8));
    }
    throw new IllegalArgumentException(
        "--split must be index or speaker:NAME (e.g. speaker:usm3), got '%s'".formatted(text));
  }

  /** True when the recording belongs to the test set. */
  public boolean isTest(Utterance u) {
    return speaker == null ? u.index() < TEST_INDEX_BELOW : u.speaker().equals(speaker);
  }

  /** The recordings divided into training and test; both non-empty. */
  public Parts apply(List<Recording> all) {
    if (speaker != null && all.stream().noneMatch(r -> r.utterance().speaker().equals(speaker))) {
      throw new IllegalArgumentException(
          "no speaker '%s' in the data; the speakers are %s".formatted(speaker, speakers(all)));
    }
    List<Recording> train = new ArrayList<>();
    List<Recording> test = new ArrayList<>();
    for (Recording r : all) {
      (isTest(r.utterance()) ? test : train).add(r);
    }
    if (test.isEmpty() || train.isEmpty()) {
      throw new IllegalArgumentException(
          "--split %s leaves %s; %s"
              .formatted(
                  this,
                  test.isEmpty() ? "no test files" : "no training files",
                  speaker == null
                      ? "the index split tests takes 0-4 and trains on takes 5 and above"
                      : "hold out a speaker when there are at least two"));
    }
    return new Parts(train, test);
  }

  /** A split's two parts: training and test (or training and validation). */
  public record Parts(List<Recording> train, List<Recording> test) {}

  /**
   * Divides training recordings into training and validation by whole speakers: the validation set
   * is every recording of {@code count} speakers drawn by {@code seed} (none when fewer than two
   * speakers are left to train on), so early stopping measures what a held-out test measures,
   * speakers the network never heard.
   */
  public static Parts holdOutSpeakers(List<Recording> train, int count, long seed) {
    List<String> speakers = speakers(train);
    if (speakers.size() - count < 1 || count < 1) {
      return new Parts(train, List.of());
    }
    java.util.Collections.shuffle(speakers, new java.util.Random(seed));
    var held = new TreeSet<>(speakers.subList(0, count));
    List<Recording> kept = new ArrayList<>();
    List<Recording> validation = new ArrayList<>();
    for (Recording r : train) {
      (held.contains(r.utterance().speaker()) ? validation : kept).add(r);
    }
    return new Parts(kept, validation);
  }

  /** The distinct speakers, sorted. */
  public static List<String> speakers(List<Recording> recordings) {
    TreeSet<String> s = new TreeSet<>();
    recordings.forEach(r -> s.add(r.utterance().speaker()));
    return new ArrayList<>(s);
  }

  @Override
  public String toString() {
    return speaker == null ? "index" : "speaker:" + speaker;
  }
}
