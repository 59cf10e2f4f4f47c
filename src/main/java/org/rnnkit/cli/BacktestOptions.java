package org.rnnkit.cli;

import picocli.CommandLine.Option;

/**
 * {@code --season}, {@code --horizon}, {@code --holdout} and {@code --origins}: the backtest
 * protocol of a catalogue, mixed into {@code catalogue} and into the Spark job's command line.
 */
public final class BacktestOptions {
  @Option(
      names = "--season",
      paramLabel = "M",
      description =
          "season length for every series (default: from the dates: 12 monthly, 4 quarterly, 52"
              + " weekly, 7 daily, 24 hourly, 1 yearly or undated)")
  private Integer season;

  @Option(
      names = "--horizon",
      paramLabel = "H",
      description =
          "steps to forecast (default: M4's for the frequency: 6 yearly, 8 quarterly, 18 monthly,"
              + " 13 weekly, 14 daily, 48 hourly; undated 2 seasons, at least 6)")
  private Integer horizon;

  @Option(
      names = "--holdout",
      paramLabel = "H",
      description =
          "hold out and score the last H values of each series: the horizon, or 0 to forecast"
              + " beyond the data (default: the horizon)")
  private Integer holdout;

  @Option(
      names = "--origins",
      paramLabel = "K",
      description =
          "backtest origins before the test part, each a horizon apart; their errors calibrate"
              + " the intervals; 0 for none (default: ${DEFAULT-VALUE})",
      defaultValue = "3")
  private int origins;

  /**
   * The season given, or null for the one the dates imply.
   *
   * @throws UserError when it is below 1
   */
  public Integer season() {
    if (season != null && season < 1) {
      throw new UserError("--season must be at least 1, got " + season);
    }
    return season;
  }

  /** The horizon given, or null for the frequency's. */
  public Integer horizon() {
    return horizon;
  }

  /** The hold-out given, or null for the horizon. */
  public Integer holdout() {
    return holdout;
  }

  /** The backtest origins (default 3). */
  public int origins() {
    return origins;
  }
}
