package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.rnnkit.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Where the command line decides what is the user's fault: a {@link UserError}, training that
 * diverged, or a bad argument is one line and exit code 2; a library's IllegalArgumentException or
 * IOException that no command converted is a bug, shown with its stack trace and exit code 1.
 */
class ErrorBoundaryTest {

  /** Throws what its argument names, as a command's body would. */
  @Command(name = "fail")
  static final class Fail implements Callable<Integer> {
    @Parameters(index = "0")
    String what;

    @Override
    public Integer call() throws IOException {
      switch (what) {
        case "user" -> throw new UserError("--x must be at least 1, got 0");
        case "diverged" -> throw new TrainingDivergedException("loss is NaN; lower the rate");
        case "argument" -> throw new IllegalArgumentException("index -1 out of range");
        case "io" -> throw new IOException("disk quota exceeded");
        case "converted" ->
            UserError.whenInvalid(
                () -> {
                  throw new IllegalArgumentException("unknown cell 'tree'");
                });
        default -> {
          return 0;
        }
      }
      return 0;
    }
  }

  private static CliRun run(String... args) {
    CommandLine cli = RnnKit.commandLine();
    cli.addSubcommand("fail", new Fail());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  private static void assertUserError(CliRun r, String message) {
    assertEquals(RnnKit.USER_ERROR, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertTrue(r.err().startsWith("rnnkit "), r.err());
    assertTrue(r.err().contains(message), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  private static void assertBug(CliRun r, String message) {
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains(message), r.err());
    assertTrue(r.err().contains("\tat "), "a bug keeps its stack trace: " + r.err());
  }

  @Test
  void userErrorsAreOneLineWithCodeTwo() {
    assertUserError(run("fail", "user"), "rnnkit fail: --x must be at least 1, got 0");
    assertUserError(run("fail", "diverged"), "loss is NaN; lower the rate");
    assertUserError(run("fail", "converted"), "unknown cell 'tree'");
  }

  @Test
  void badArgumentsTakeTheSamePath() {
    assertUserError(run("fail"), "Missing required parameter");
    assertUserError(run("fail", "user", "--nope"), "Unknown option: '--nope'");
    assertUserError(run("bench", "--seconds"), "--seconds");
  }

  @Test
  void libraryExceptionsThatReachTheBoundaryAreBugs() {
    assertBug(run("fail", "argument"), "index -1 out of range");
    assertBug(run("fail", "io"), "disk quota exceeded");
  }
}
