package org.rnnkit.speech;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a recording's file name says about it, in the Free Spoken Digit Dataset's convention {@code
 * {label}_{speaker}_{index}.wav}, e.g. {@code 7_jackson_32.wav}: the word said, who said it, and
 * which of that speaker's takes it is.
 *
 * @param file the file name
 * @param label the word (class), no underscore
 * @param speaker the speaker's name, no underscore
 * @param index the take, 0 or more
 */
public record Utterance(String file, String label, String speaker, int index) {
  private static final Pattern NAME =
      Pattern.compile("([^_/\\\\]+)_([^_/\\\\]+)_(\\d{1,9})\\.wav", Pattern.CASE_INSENSITIVE);

  /** The pattern a file name must follow, for messages. */
  public static final String PATTERN = "{label}_{speaker}_{index}.wav";

  /**
   * Parses a file name; fails naming it and the expected pattern.
   *
   * @throws IllegalArgumentException when the name does not follow {@link #PATTERN}
   */
  public static Utterance parse(String fileName) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "file name %s does not follow %s (e.g. 7_jackson_32.wav)".formatted(fileName, PATTERN));
    }
    return new Utterance(fileName, m.group(1), m.group(2), Integer.parseInt(m.group(3)));
  }

  /** True when {@code fileName} follows {@link #PATTERN}. */
  public static boolean isValidName(String fileName) {
    return NAME.matcher(fileName).matches();
  }
}
