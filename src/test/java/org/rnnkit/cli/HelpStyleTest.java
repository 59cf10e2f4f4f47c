package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's {@code --help} in one style, as picocli renders it at its default width: each
 * description paragraph is whole sentences (so picocli, not a hand break, wraps it and the parent's
 * summary line is never cut mid-sentence), no word is broken across lines, and every option that
 * takes a value says its default as {@code (default: x)}.
 */
class HelpStyleTest {

  /** Every command below {@code rnnkit}, and {@code rnnkit} itself; picocli's own help left out. */
  private static List<CommandLine> commands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>();
    all.add(root);
    for (CommandLine sub : root.getSubcommands().values()) {
      if (sub.getCommand() instanceof CommandLine.HelpCommand || all.contains(sub)) {
        continue;
      }
      for (CommandLine c : commands(sub)) {
        if (!all.contains(c)) {
          all.add(c);
        }
      }
    }
    return all;
  }

  private static String name(CommandLine c) {
    return c.getCommandSpec().qualifiedName();
  }

  @Test
  void everyCommandIsCovered() {
    List<String> names = commands(RnnKit.commandLine()).stream().map(HelpStyleTest::name).toList();
    for (String expected :
        List.of(
            "rnnkit forecast",
            "rnnkit gradients",
            "rnnkit tasks",
            "rnnkit bench",
            "rnnkit info",
            "rnnkit notebook install",
            "rnnkit notebook run",
            "rnnkit text train",
            "rnnkit text sample",
            "rnnkit speech train",
            "rnnkit speech predict")) {
      assertTrue(names.contains(expected), () -> expected + " missing from " + names);
    }
  }

  @Test
  void everyDescriptionParagraphEndsASentence() {
    for (CommandLine c : commands(RnnKit.commandLine())) {
      String[] paragraphs = c.getCommandSpec().usageMessage().description();
      assertTrue(paragraphs.length > 0, () -> name(c) + " has no description");
      for (String paragraph : paragraphs) {
        String text = paragraph.strip();
        assertTrue(
            text.endsWith("."),
            () -> name(c) + ": a description line that picocli cannot wrap: '" + text + "'");
      }
    }
  }

  /**
   * picocli passes each description through {@code String.format}: a lone % ("80% and 95%") makes
   * it print a warning with every --help and show the text unformatted; write %% for a percent
   * sign.
   */
  @Test
  void everyDescriptionSurvivesPicoclisFormatting() {
    for (CommandLine c : commands(RnnKit.commandLine())) {
      List<String> texts =
          new ArrayList<>(List.of(c.getCommandSpec().usageMessage().description()));
      c.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
      for (String text : texts) {
        try {
          String.format(text.replace("${DEFAULT-VALUE}", "x"));
        } catch (java.util.IllegalFormatException e) {
          throw new AssertionError(name(c) + ": '" + text + "' is not a format string: " + e, e);
        }
      }
    }
  }

  @Test
  void noWordIsBrokenAcrossLines() {
    for (CommandLine c : commands(RnnKit.commandLine())) {
      String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
      for (String line : usage.split("\\R")) {
        String text = line.stripTrailing();
        assertFalse(
            text.matches(".*[\\w.][-/|]$"),
            () -> name(c) + ": a word broken at the end of '" + text + "'\n" + usage);
        assertTrue(
            text.length() <= CommandLine.Model.UsageMessageSpec.DEFAULT_USAGE_WIDTH,
            () -> name(c) + ": a line longer than picocli's width: '" + text + "'");
      }
    }
  }

  @Test
  void everyOptionWithAValueShowsItsDefault() {
    for (CommandLine c : commands(RnnKit.commandLine())) {
      String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
      for (OptionSpec option : c.getCommandSpec().options()) {
        if (option.usageHelp() || option.versionHelp() || option.required()) {
          continue;
        }
        String description = String.join(" ", option.description()).replaceAll("\\s+", " ");
        // a comma list or a hyphenated word stays on one line (picocli breaks after , - / |)
        for (String token : description.split(" ")) {
          if (token.matches(".*\\w[,/|-]\\w.*") && !token.contains("${")) {
            assertTrue(
                usage.contains(token),
                () -> name(c) + " " + option.longestName() + " breaks '" + token + "'\n" + usage);
          }
        }
        if (defaultOf(option) != null) {
          String shown = "(default: " + defaultOf(option) + ")";
          // picocli may or may not have rendered ${DEFAULT-VALUE} in the spec's description
          boolean declared =
              description.contains(shown) || description.contains("(default: ${DEFAULT-VALUE})");
          assertTrue(
              declared && usage.contains(shown),
              () -> name(c) + " " + option.longestName() + " does not show " + shown);
        } else if (option.arity().max() > 0) {
          assertTrue(
              description.contains("(default: "),
              () -> name(c) + " " + option.longestName() + " does not say its default");
        }
      }
    }
  }

  @Test
  void gradientsWritesToAFolderByDefault() {
    OptionSpec out =
        RnnKit.commandLine().getSubcommands().get("gradients").getCommandSpec().findOption("--out");
    assertFalse(out.required());
    assertEquals("rnnkit-gradients", defaultOf(out));
  }

  /**
   * The shared options are one mixin each, and each command gives its own default (those its
   * documented results were made with); the help shows it.
   */
  @Test
  void eachCommandGivesTheSharedOptionsItsOwnDefaults() {
    CommandLine root = RnnKit.commandLine();
    CommandLine forecast = root.getSubcommands().get("forecast");
    CommandLine text = root.getSubcommands().get("text").getSubcommands().get("train");
    CommandLine speech = root.getSubcommands().get("speech").getSubcommands().get("train");
    CommandLine bench = root.getSubcommands().get("bench");
    assertEquals("42", defaultOf(forecast.getCommandSpec().findOption("--seed")));
    assertEquals("1", defaultOf(speech.getCommandSpec().findOption("--seed")));
    assertEquals("128", defaultOf(text.getCommandSpec().findOption("--hidden")));
    assertEquals("64", defaultOf(speech.getCommandSpec().findOption("--hidden")));
    assertEquals("2", defaultOf(text.getCommandSpec().findOption("--threads")));
    assertEquals("1", defaultOf(bench.getCommandSpec().findOption("--threads")));
    assertEquals("rnnkit-text", defaultOf(text.getCommandSpec().findOption("--out")));
    String usage = forecast.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
    assertTrue(usage.contains("--seed=S random seed"), usage);
    assertTrue(usage.contains("(default: 42)") && usage.contains("(default: 0.005)"), usage);
  }

  /**
   * The default an option declares: its annotation's {@code defaultValue}, or, for the shared
   * options whose command gives the default (mixins such as {@link SeedOption}), the field's
   * initial value; null when it has neither.
   */
  private static String defaultOf(OptionSpec option) {
    if (option.defaultValue() != null) {
      return option.defaultValue();
    }
    boolean shared =
        option.userObject() instanceof java.lang.reflect.Field f
            && f.getDeclaringClass().getSimpleName().endsWith("Option");
    Object initial = shared ? option.initialValue() : null;
    return initial == null ? null : initial.toString();
  }
}
