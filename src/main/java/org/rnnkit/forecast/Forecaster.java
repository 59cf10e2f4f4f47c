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

  /** How {@link #of} forecasts: as {@link #forecast}. */
  @FunctionalInterface
  interface Rule {
    double[] forecast(double[] history, int horizon);
  }

  /** A forecaster called {@code name} that forecasts by {@code rule}. */
  static Forecaster of(String name, Rule rule) {
    return new Forecaster() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double[] forecast(double[] history, int horizon) {
        return rule.forecast(history, horizon);
      }
    };
  }
}
