package org.rnnkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the command line: its exit code and what it printed. */
record CliRun(int code, String out, String err) {

  /** Runs {@code rnnkit args...} with standard output and error captured. */
  static CliRun of(String... args) {
    CommandLine cli = RnnKit.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
