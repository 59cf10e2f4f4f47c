package org.rnnkit.forecast.catalogue;

import java.util.Objects;
import org.rnnkit.loss.HuberLoss;
import org.rnnkit.loss.Loss;
import org.rnnkit.loss.MeanAbsoluteError;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.cell.CellType;

/**
 * The settings of the global model ({@link GlobalForecaster}), one set for every catalogue and
 * frequency; {@link #defaults()} gives them, {@link #builder()} changes a few.
 *
 * @param cell the recurrent cell (default GRU)
 * @param hidden hidden size H (default 48)
 * @param window input steps per window; 0 (default) chooses {@code max(m, 4h, 8)} for season m and
 *     horizon h (until 2026-11-30 {@code max(2m, 2h, 8)}; four horizons, within N-BEATS' look-backs
 *     of two to seven, were more accurate on weekly, yearly, quarterly and monthly catalogues and
 *     level on synthetic yearly series; one season rather than two, because with M4's horizons four
 *     horizons already cover two seasons except for weekly series, where 52 steps did better than
 *     104 at half the cost; README "Many series")
 * @param epochs the most epochs (default 30; 20 until 2026-11-30); an epoch draws {@code
 *     windowsPerSeries} windows from every series
 * @param patience early stopping on each series' last window of the fitted part (default 5 epochs);
 *     the best epoch's weights are kept
 * @param learningRate Adam's learning rate (default 0.003)
 * @param batchSize windows per update (default 32)
 * @param ensemble networks trained from different seeds, each on its own draw of windows; the
 *     forecast is their median (default 4; 5 until 2026-11-30: on two cores four networks train in
 *     two rounds, five in three, and 4 networks of 30 epochs beat 5 of 20 on the weekly hold-out at
 *     less CPU)
 * @param seed the first network's seed (default 42); network i uses seed + i
 * @param windowsPerSeries windows drawn from each series per epoch, fewer when a series has fewer
 *     (default 20): a long series counts as much as a short one
 * @param threads networks trained side by side (default: the processors, at most {@code ensemble})
 * @param minHistory the fewest observed values in a training window (default 2): the first training
 *     origin is {@code minHistory - 1}, and a window's steps before the series' first value are
 *     padded and flagged, so that short series give windows too
 * @param loss what the networks minimise on the normalised targets (default {@link
 *     TrainingLoss#MAE}, whose minimiser is the median; MSE until 2026-11-30: M4's measures are
 *     absolute errors, and on four weekly measurements without M4's test values (two seeds on the
 *     validation hold-out, two backtests) MAE scored OWA 0.805 on average, Huber 0.810, and MSE
 *     0.843 on the three of them measured for it; level on other frequencies; README "Many series")
 */
public record GlobalConfig(
    CellType cell,
    int hidden,
    int window,
    int epochs,
    int patience,
    double learningRate,
    int batchSize,
    int ensemble,
    long seed,
    int windowsPerSeries,
    int threads,
    int minHistory,
    TrainingLoss loss) {

  /** The loss the networks minimise on the adjusted targets. */
  public enum TrainingLoss {
    /** Mean squared error ({@link MeanSquaredError}). */
    MSE,
    /** Mean absolute error ({@link MeanAbsoluteError}). */
    MAE,
    /** Huber loss with δ = 1 ({@link HuberLoss}). */
    HUBER;

    /**
     * The loss named {@code name} (mse, mae or huber, any case).
     *
     * @throws IllegalArgumentException naming the losses when it is none of them
     */
    public static TrainingLoss parse(String name) {
      for (TrainingLoss l : values()) {
        if (l.name().equalsIgnoreCase(name.trim())) {
          return l;
        }
      }
      throw new IllegalArgumentException("the loss must be mse, mae or huber, got '" + name + "'");
    }

    /** mse, mae or huber. */
    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A new loss of this kind. */
    public Loss create() {
      return switch (this) {
        case MSE -> new MeanSquaredError();
        case MAE -> new MeanAbsoluteError();
        case HUBER -> new HuberLoss(1.0);
      };
    }
  }

  public GlobalConfig {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(loss, "loss");
    if (hidden < 1 || epochs < 1 || batchSize < 1 || ensemble < 1 || windowsPerSeries < 1) {
      throw new IllegalArgumentException(
          ("hidden, epochs, batch size, ensemble and windows per series must be at least 1, got"
                  + " %d, %d, %d, %d, %d")
              .formatted(hidden, epochs, batchSize, ensemble, windowsPerSeries));
    }
    if (minHistory < 1) {
      throw new IllegalArgumentException(
          "the fewest observed values in a window must be at least 1, got " + minHistory);
    }
    if (window < 0 || patience < 0 || threads < 1) {
      throw new IllegalArgumentException(
          "window and patience must be 0 or more and threads at least 1, got %d, %d, %d"
              .formatted(window, patience, threads));
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
  }

  public static GlobalConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.cell = cell;
    b.hidden = hidden;
    b.window = window;
    b.epochs = epochs;
    b.patience = patience;
    b.learningRate = learningRate;
    b.batchSize = batchSize;
    b.ensemble = ensemble;
    b.seed = seed;
    b.windowsPerSeries = windowsPerSeries;
    b.threads = threads;
    b.minHistory = minHistory;
    b.loss = loss;
    return b;
  }

  /** The first training origin: {@code minHistory - 1}. */
  public int firstOrigin() {
    return minHistory - 1;
  }

  /** The window for season m and horizon h: the configured one, or {@code max(m, 4h, 8)}. */
  public int windowFor(int season, int horizon) {
    return window > 0 ? window : Math.max(8, Math.max(season, 4 * horizon));
  }

  /** Builds a {@link GlobalConfig}; every setting starts at its default. */
  public static final class Builder {
    private CellType cell = CellType.GRU;
    private int hidden = 48;
    private int window = 0;
    private int epochs = 30;
    private int patience = 5;
    private double learningRate = 0.003;
    private int batchSize = 32;
    private int ensemble = 4;
    private long seed = 42;
    private int windowsPerSeries = 20;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int minHistory = 2;
    private TrainingLoss loss = TrainingLoss.MAE;

    private Builder() {}

    public Builder cell(CellType v) {
      cell = v;
      return this;
    }

    public Builder hidden(int v) {
      hidden = v;
      return this;
    }

    public Builder window(int v) {
      window = v;
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

    public Builder windowsPerSeries(int v) {
      windowsPerSeries = v;
      return this;
    }

    public Builder threads(int v) {
      threads = v;
      return this;
    }

    public Builder minHistory(int v) {
      minHistory = v;
      return this;
    }

    public Builder loss(TrainingLoss v) {
      loss = v;
      return this;
    }

    public GlobalConfig build() {
      return new GlobalConfig(
          cell,
          hidden,
          window,
          epochs,
          patience,
          learningRate,
          batchSize,
          ensemble,
          seed,
          windowsPerSeries,
          threads,
          minHistory,
          loss);
    }
  }
}
