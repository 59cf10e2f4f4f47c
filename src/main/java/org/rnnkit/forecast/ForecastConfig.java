package org.rnnkit.forecast;

import org.rnnkit.nn.cell.CellOptions;
import org.rnnkit.nn.cell.CellType;

/**
 * The settings of the recurrent forecaster, with defaults chosen once for all series (monthly,
 * quarterly and yearly; trending, seasonal and cyclic) rather than per series. Made by a {@link
 * Builder} that starts from the defaults: {@code
 * ForecastConfig.builder().cell(CellType.LSTM).epochs(100).build()}; {@link #toBuilder()} changes
 * some settings of an existing config. Every setting is checked when the config is made.
 *
 * @param cell the recurrent cell (default GRU)
 * @param cellOptions the cell's variants (layer norm, peepholes, reset-before GRU; default none)
 * @param hidden hidden size H (default 32)
 * @param layers stacked layers (default 1)
 * @param window input steps per example; 0 (default) chooses {@code max(2m, 8)} for season m
 * @param strategy direct (default: all horizons at once) or recursive (one step, fed back)
 * @param power the power transform (default AUTO: log for a positive series)
 * @param deseasonalize remove a significant season before the network sees the data (default)
 * @param epochs the most epochs per ensemble member (default 300)
 * @param patience early stopping on the last 15% of the windows (default 30 epochs)
 * @param learningRate Adam's learning rate (default 0.005)
 * @param batchSize windows per mini-batch (default 16)
 * @param ensemble members trained from different seeds; the forecast is their median (default 5)
 * @param seed the first member's seed (default 42); member i uses seed + i
 * @param intervalLevel nominal coverage of the prediction interval (default 0.9)
 * @param maxWindows train on at most this many of the most recent windows (default 500)
 * @param minEpochs on a small validation set (fewer than {@link #SMALL_VALIDATION} windows), early
 *     stopping neither stops nor keeps weights before this epoch (default {@value #MIN_EPOCHS}):
 *     the loss over a few windows is too noisy to trust an early minimum (on AirPassengers every
 *     network kept its epoch 7-8 weights, half trained). On a larger validation set an early
 *     minimum is believed (on sunspot.month and long M4 weekly series, training on past it made the
 *     forecasts worse); see README, "Forecasting"
 * @param recurrentDropout recurrent (variational) dropout in every recurrent layer while training,
 *     0 for none (default 0; see {@link org.rnnkit.nn.layer.Recurrent#setRecurrentDropout})
 * @param threads the most ensemble members trained at once, each on its own thread; 0 (default) for
 *     as many as the machine has processors. A Spark task sets 1: its executor already runs one
 *     task per core. The forecasts do not depend on it.
 */
public record ForecastConfig(
    CellType cell,
    CellOptions cellOptions,
    int hidden,
    int layers,
    int window,
    Strategy strategy,
    SeriesTransform.Power power,
    boolean deseasonalize,
    int epochs,
    int patience,
    double learningRate,
    int batchSize,
    int ensemble,
    long seed,
    double intervalLevel,
    int maxWindows,
    int minEpochs,
    double recurrentDropout,
    int threads) {

  /** How multi-step forecasts are made. */
  public enum Strategy {
    /** One network output per horizon step, trained jointly (multi-output). */
    DIRECT,
    /** One-step network whose forecasts are fed back as inputs. */
    RECURSIVE
  }

  public ForecastConfig {
    requireNonNull(cell, "cell", "e.g. CellType.GRU");
    requireNonNull(cellOptions, "cellOptions", "e.g. CellOptions.NONE");
    cellOptions.requireFor(cell);
    requireNonNull(strategy, "strategy", "e.g. Strategy.DIRECT");
    requireNonNull(power, "power", "e.g. SeriesTransform.Power.AUTO");
    if (hidden < 1 || layers < 1 || epochs < 1 || batchSize < 1 || ensemble < 1) {
      throw new IllegalArgumentException(
          "hidden, layers, epochs, batch size and ensemble must be at least 1, got %d, %d, %d, %d, %d"
              .formatted(hidden, layers, epochs, batchSize, ensemble));
    }
    if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
      throw new IllegalArgumentException(
          "recurrent dropout must be in [0, 1), got " + recurrentDropout);
    }
    if (minEpochs < 0) {
      throw new IllegalArgumentException("minEpochs must be 0 or more, got " + minEpochs);
    }
    if (threads < 0) {
      throw new IllegalArgumentException(
          "threads must be 0 or more (0 for every processor), got " + threads);
    }
    if (window < 0 || patience < 0 || maxWindows < 1) {
      throw new IllegalArgumentException(
          "window and patience must be 0 or more and maxWindows at least 1, got %d, %d, %d"
              .formatted(window, patience, maxWindows));
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be a positive number, got " + learningRate);
    }
    if (!(intervalLevel > 0 && intervalLevel < 1)) {
      throw new IllegalArgumentException(
          "interval level must be in (0, 1), e.g. 0.9, got " + intervalLevel);
    }
  }

  private static void requireNonNull(Object value, String name, String example) {
    if (value == null) {
      throw new IllegalArgumentException(
          "forecast config: %s is required, got null (%s)".formatted(name, example));
    }
  }

  /** The default {@code minEpochs}. */
  public static final int MIN_EPOCHS = 50;

  /** Validation sets of fewer windows than this are small: {@code minEpochs} applies to them. */
  public static final int SMALL_VALIDATION = 40;

  /** Every setting at its default. */
  public static ForecastConfig defaults() {
    return builder().build();
  }

  /** A builder with every setting at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with every setting as in this config. */
  public Builder toBuilder() {
    return builder()
        .cell(cell)
        .cellOptions(cellOptions)
        .hidden(hidden)
        .layers(layers)
        .window(window)
        .strategy(strategy)
        .power(power)
        .deseasonalize(deseasonalize)
        .epochs(epochs)
        .patience(patience)
        .learningRate(learningRate)
        .batchSize(batchSize)
        .ensemble(ensemble)
        .seed(seed)
        .intervalLevel(intervalLevel)
        .maxWindows(maxWindows)
        .minEpochs(minEpochs)
        .recurrentDropout(recurrentDropout)
        .threads(threads);
  }

  /** The threads that train the ensemble: {@code threads}, or every processor when 0. */
  public int trainingThreads() {
    int most = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    return Math.max(1, Math.min(ensemble, most));
  }

  /** The window for season m: the configured one, or {@code max(2m, 8)}. */
  public int windowFor(int season) {
    return window > 0 ? window : Math.max(2 * Math.max(1, season), 8);
  }

  /**
   * Collects settings, each starting at its default (see {@link ForecastConfig}); {@link #build}
   * checks them.
   */
  public static final class Builder {
    private CellType cell = CellType.GRU;
    private CellOptions cellOptions = CellOptions.NONE;
    private int hidden = 32;
    private int layers = 1;
    private int window = 0;
    private Strategy strategy = Strategy.DIRECT;
    private SeriesTransform.Power power = SeriesTransform.Power.AUTO;
    private boolean deseasonalize = true;
    private int epochs = 300;
    private int patience = 30;
    private double learningRate = 0.005;
    private int batchSize = 16;
    private int ensemble = 5;
    private long seed = 42;
    private double intervalLevel = 0.9;
    private int maxWindows = 500;
    private int minEpochs = MIN_EPOCHS;
    private double recurrentDropout = 0;
    private int threads = 0;

    private Builder() {}

    public Builder cell(CellType v) {
      cell = v;
      return this;
    }

    public Builder cellOptions(CellOptions v) {
      cellOptions = v;
      return this;
    }

    public Builder hidden(int v) {
      hidden = v;
      return this;
    }

    public Builder layers(int v) {
      layers = v;
      return this;
    }

    public Builder window(int v) {
      window = v;
      return this;
    }

    public Builder strategy(Strategy v) {
      strategy = v;
      return this;
    }

    public Builder power(SeriesTransform.Power v) {
      power = v;
      return this;
    }

    public Builder deseasonalize(boolean v) {
      deseasonalize = v;
      return this;
    }

    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    public Builder patience(int v) {
      patience = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder ensemble(int v) {
      ensemble = v;
      return this;
    }

    /**
     * The sizes given, each kept at its default when null (command-line options left out).
     *
     * @param hidden hidden size, or null
     * @param epochs most epochs, or null
     * @param ensemble networks, or null
     */
    public Builder sizes(Integer hidden, Integer epochs, Integer ensemble) {
      if (hidden != null) {
        hidden(hidden);
      }
      if (epochs != null) {
        epochs(epochs);
      }
      if (ensemble != null) {
        ensemble(ensemble);
      }
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder intervalLevel(double v) {
      intervalLevel = v;
      return this;
    }

    public Builder maxWindows(int v) {
      maxWindows = v;
      return this;
    }

    public Builder minEpochs(int v) {
      minEpochs = v;
      return this;
    }

    public Builder recurrentDropout(double v) {
      recurrentDropout = v;
      return this;
    }

    public Builder threads(int v) {
      threads = v;
      return this;
    }

    /**
     * The config of these settings.
     *
     * @throws IllegalArgumentException naming the first setting that is missing or out of range
     */
    public ForecastConfig build() {
      return new ForecastConfig(
          cell,
          cellOptions,
          hidden,
          layers,
          window,
          strategy,
          power,
          deseasonalize,
          epochs,
          patience,
          learningRate,
          batchSize,
          ensemble,
          seed,
          intervalLevel,
          maxWindows,
          minEpochs,
          recurrentDropout,
          threads);
    }
  }
}
