/**
 * The picocli command line ({@code java -jar rnnkit.jar}): one subcommand per job. The only package
 * that prints for the user. It is also the boundary between the user and the library: a {@link
 * org.rnnkit.cli.UserError} (and picocli's own argument errors) is one line on standard error and
 * exit code 2 ({@code RnnKit#commandLine}); commands convert a library exception into one where
 * they pass it what the user gave ({@code UserError.whenInvalid}); anything else is a bug, shown
 * with its stack trace and exit code 1. Commands run library code that returns results (for example
 * {@link org.rnnkit.tasks.VanishingGradients}) and only print, chart and write them ({@link
 * org.rnnkit.io.Json} for JSON).
 */
package org.rnnkit.cli;
