package org.rnnkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public top-level type of the library packages has a Javadoc class comment. Doclint (run by
 * every compile, see the pom) checks the comments that exist; this test checks that they exist, so
 * code merged later keeps the API documented.
 */
class ClassCommentTest {
  /** The packages (with their subpackages) that make up the library's API. */
  private static final List<String> PACKAGES =
      List.of("nn", "train", "optim", "loss", "io", "forecast", "metrics");

  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*"
              + "(?:class|interface|enum|record|@interface)\\s+(\\w+)",
          Pattern.MULTILINE);

  private static final Pattern TRAILING_ANNOTATIONS =
      Pattern.compile("(?:\\s*@\\w+(?:\\([^)]*\\))?)*\\s*$");

  @Test
  void everyPublicTypeOfTheLibraryHasAClassComment() throws IOException {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (String name : PACKAGES) {
      Path root = Path.of("src/main/java/org/rnnkit", name);
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          if (file.getFileName().toString().equals("package-info.java")) {
            continue;
          }
          String source = Files.readString(file);
          Matcher m = PUBLIC_TYPE.matcher(source);
          if (m.find()) {
            checked++;
            String before =
                TRAILING_ANNOTATIONS.matcher(source.substring(0, m.start())).replaceFirst("");
            int open = before.lastIndexOf("/**");
            if (!before.endsWith("*/")
                || open < 0
                || before.indexOf("*/", open) != before.length() - 2) {
              missing.add(file + " (" + m.group(1) + ")");
            }
          }
        }
      }
    }
    assertTrue(
        checked > 50,
        "found only " + checked + " public types; is the working folder the project?");
    assertEquals(List.of(), missing, "public types without a class comment");
  }
}
