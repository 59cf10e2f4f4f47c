/**
 * The picocli command line ({@code java -jar rnnkit.jar}): one subcommand per job. The only package
 * that prints for the user.
 */
package org.rnnkit.cli;
