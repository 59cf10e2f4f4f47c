/**
 * The picocli command line ({@code java -jar rnnkit.jar}): one subcommand per job. The only package
 * that prints for the user. It is also the boundary between the user and the library: a {@link
 * org.rnnkit.cli.UserError} (and picocli's own argument errors) is one line on standard error and
 * exit code 2 ({@code RnnKit#commandLine}); commands convert a library exception into one where
 * they pass it what the user gave ({@code UserError.whenInvalid}); anything else is a bug, shown
 * with its stack trace and exit code 1. Commands run library code that returns results (for example
 * {@link org.rnnkit.tasks.VanishingGradients}) and only print, chart and write them ({@link
 * org.rnnkit.io.Json} for JSON).
 *
 * <p>The options several commands share are one picocli mixin each, with one label, help line and
 * range check: {@link org.rnnkit.cli.SeedOption}, {@link org.rnnkit.cli.HiddenOption}, {@link
 * org.rnnkit.cli.LearningRateOption}, {@link org.rnnkit.cli.ThreadsOption} and {@link
 * org.rnnkit.cli.OutOption}. Each command gives the default (its field is {@code new
 * SeedOption(42)}): the defaults differ because each command's documented results were made with
 * its own (forecast's seed 42, speech's hidden size 64, text's 128). A bound on an option belongs
 * in its mixin's {@code value()}.
 */
package org.rnnkit.cli;
