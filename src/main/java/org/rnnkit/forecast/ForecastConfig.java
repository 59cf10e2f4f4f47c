package org.rnnkit.forecast;

import org.rnnkit.nn.cell.CellOptions;
import org.rnnkit.nn.cell.CellType;

/**
 * The settings of the recurrent forecaster, with defaults chosen once for all series (monthly,
 * quarterly and yearly; trending, seasonal and cyclic) rather than per series.
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
    int minEpochs) {

  /** How multi-step forecasts are made. */
  public enum Strategy {
    /** One network output per horizon step, trained jointly (multi-output). */
    DIRECT,
    /** One-step network whose forecasts are fed back as inputs. */
    RECURSIVE
  }

  public ForecastConfig {
    if (cell == null || cellOptions == null) {
      throw new IllegalArgumentException("cell and cell options are required");
    }
    cellOptions.requireFor(cell);
    if (hidden < 1 || layers < 1 || epochs < 1 || batchSize < 1 || ensemble < 1) {
      throw new IllegalArgumentException(
          "hidden, layers, epochs, batch size and ensemble must be at least 1, got %d, %d, %d, %d, %d"
              .formatted(hidden, layers, epochs, batchSize, ensemble));
    }
    if (minEpochs < 0) {
      throw new IllegalArgumentException("minEpochs must be 0 or more, got " + minEpochs);
    }
    if (window < 0 || patience < 0 || maxWindows < 1) {
      throw new IllegalArgumentException(
          "window and patience must be 0 or more and maxWindows at least 1, got %d, %d, %d"
              .formatted(window, patience, maxWindows));
    }
    if (!(learningRate > 0) || !(intervalLevel > 0 && intervalLevel < 1)) {
      throw new IllegalArgumentException(
          "learning rate must be positive and interval level in (0, 1), got %s and %s"
              .formatted(learningRate, intervalLevel));
    }
  }

  /** The default {@code minEpochs}. */
  public static final int MIN_EPOCHS = 50;

  /** Validation sets of fewer windows than this are small: {@code minEpochs} applies to them. */
  public static final int SMALL_VALIDATION = 40;

  public static ForecastConfig defaults() {
    return new ForecastConfig(
        CellType.GRU,
        CellOptions.NONE,
        32,
        1,
        0,
        Strategy.DIRECT,
        SeriesTransform.Power.AUTO,
        true,
        300,
        30,
        0.005,
        16,
        5,
        42,
        0.9,
        500,
        MIN_EPOCHS);
  }

  /** The window for season m: the configured one, or {@code max(2m, 8)}. */
  public int windowFor(int season) {
    return window > 0 ? window : Math.max(2 * Math.max(1, season), 8);
  }

  public ForecastConfig withCell(CellType v) {
    return new ForecastConfig(
        v,
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
        minEpochs);
  }

  public ForecastConfig withCellOptions(CellOptions v) {
    return new ForecastConfig(
        cell,
        v,
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
        minEpochs);
  }

  public ForecastConfig withHidden(int v) {
    return new ForecastConfig(
        cell,
        cellOptions,
        v,
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
        minEpochs);
  }

  public ForecastConfig withLayers(int v) {
    return new ForecastConfig(
        cell,
        cellOptions,
        hidden,
        v,
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
        minEpochs);
  }

  public ForecastConfig withWindow(int v) {
    return new ForecastConfig(
        cell,
        cellOptions,
        hidden,
        layers,
        v,
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
        minEpochs);
  }

  public ForecastConfig withStrategy(Strategy v) {
    return new ForecastConfig(
        cell,
        cellOptions,
        hidden,
        layers,
        window,
        v,
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
        minEpochs);
  }

  public ForecastConfig withPower(SeriesTransform.Power v) {
    return new ForecastConfig(
        cell,
        cellOptions,
        hidden,
        layers,
        window,
        strategy,
        v,
        deseasonalize,
        epochs,
        patience,
        learningRate,
        batchSize,
        ensemble,
        seed,
        intervalLevel,
        maxWindows,
        minEpochs);
  }

  public ForecastConfig withDeseasonalize(boolean v) {
    return new ForecastConfig(
        cell,
        cellOptions,
        hidden,
        layers,
        window,
        strategy,
        power,
        v,
        epochs,
        patience,
        learningRate,
        batchSize,
        ensemble,
        seed,
        intervalLevel,
        maxWindows,
        minEpochs);
  }

  public ForecastConfig withEpochs(int v) {
    return new ForecastConfig(
        cell,
        cellOptions,
        hidden,
        layers,
        window,
        strategy,
        power,
        deseasonalize,
        v,
        patience,
        learningRate,
        batchSize,
        ensemble,
        seed,
        intervalLevel,
        maxWindows,
        minEpochs);
  }

  public ForecastConfig withPatience(int v) {
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
        v,
        learningRate,
        batchSize,
        ensemble,
        seed,
        intervalLevel,
        maxWindows,
        minEpochs);
  }

  public ForecastConfig withLearningRate(double v) {
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
        v,
        batchSize,
        ensemble,
        seed,
        intervalLevel,
        maxWindows,
        minEpochs);
  }

  public ForecastConfig withBatchSize(int v) {
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
        v,
        ensemble,
        seed,
        intervalLevel,
        maxWindows,
        minEpochs);
  }

  public ForecastConfig withEnsemble(int v) {
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
        v,
        seed,
        intervalLevel,
        maxWindows,
        minEpochs);
  }

  public ForecastConfig withSeed(long v) {
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
        v,
        intervalLevel,
        maxWindows,
        minEpochs);
  }

  public ForecastConfig withIntervalLevel(double v) {
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
        v,
        maxWindows,
        minEpochs);
  }

  public ForecastConfig withMaxWindows(int v) {
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
        v,
        minEpochs);
  }

  public ForecastConfig withMinEpochs(int v) {
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
        v);
  }
}
