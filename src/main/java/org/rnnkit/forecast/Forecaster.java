package org.rnnkit.forecast;

/** Anything that forecasts the next values of a series from its history. */
public interface Forecaster {

  /** A short name for tables and files: {@code naive}, {@code holt_winters}, {@code lstm}. */
  String name();

  /**
   * @param history Not modified. The observed series, oldest first.
   * @param horizon how many values to forecast, at least 1
   * @return the forecasts for the {@code horizon} steps after the history
   */
  double[] forecast(double[] history, int horizon);
}
