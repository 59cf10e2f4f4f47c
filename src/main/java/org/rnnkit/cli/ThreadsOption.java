package org.rnnkit.cli;

import picocli.CommandLine.Option;

/**
 * {@code --threads N}, the threads of the matrix products and the batch slices ({@link
 * org.rnnkit.nn.linalg.MatMul#setThreads}); the command gives the default (bench 1, so that its
 * timings are of one core unless asked; text training 2).
 */
final class ThreadsOption {
  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "threads: large products are split across them and each layer runs its batch in slices on them; only the speed and the rounding depend on it (default: ${DEFAULT-VALUE})")
  private int threads;

  ThreadsOption(int defaultThreads) {
    threads = defaultThreads;
  }

  /**
   * @throws UserError unless at least 1
   */
  int value() {
    if (threads < 1) {
      throw new UserError("--threads must be a whole number of at least 1, got " + threads);
    }
    return threads;
  }
}
