package org.rnnkit.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.rnnkit.data.Example;
import org.rnnkit.data.Frequency;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.LastStep;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.optim.Adam;
import org.rnnkit.train.BatchMode;
import org.rnnkit.train.History;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingListener;

/**
 * Forecasts a series with an ensemble of recurrent networks.
 *
 * <ol>
 *   <li>Fit a {@link SeriesTransform} on the history (log, season, scale) and adjust it: {@code
 *       z_t}.
 *   <li>Cut windows: for each origin t, each of the last w steps gives two features, the adjusted
 *       value and its exponentially smoothed level ({@link SmoothedLevel}), both minus the last
 *       value {@code z_t}; the target is the next K values minus {@code z_t} (K = horizon for the
 *       direct strategy, 1 for the recursive one). Measuring everything from the last value lets
 *       the network continue trends it never saw at that height; the smoothed level lets it
 *       discount the noise in that last value.
 *   <li>Train each ensemble member (a recurrent stack read at its last step, then a dense layer to
 *       K outputs; MSE; Adam; mini-batches) with early stopping on the most recent 15% of the
 *       windows, restoring the best weights; on a small validation set no weights from before
 *       {@link ForecastConfig#minEpochs()} are kept. K-1 windows between the training and
 *       validation windows are left out, so that no validation target was ever a training target.
 *   <li>Forecast from the last window with every member; take the median per step; invert the
 *       transform.
 *   <li>The prediction interval: the ensemble's errors on the validation windows, scaled by {@code
 *       1/sqrt(h)} and pooled over h; the interval at step h is the forecast plus or minus their
 *       {@code level} quantile times {@code sqrt(h)}, in adjusted space, then inverted.
 * </ol>
 */
public final class RecurrentForecaster implements Forecaster {
  private static final double VALIDATION_SHARE = 0.15;

  private final ForecastConfig config;
  private final int season;
  private final TrainingListener progress;

  /**
   * @param progress receives every member's training events (for a progress bar); may be null
   */
  public RecurrentForecaster(ForecastConfig config, int season, TrainingListener progress) {
    this.config = config;
    this.season = Math.max(1, season);
    this.progress = progress;
  }

  @Override
  public String name() {
    return config.cell().id().startsWith("rnn") ? "rnn" : config.cell().id();
  }

  @Override
  public double[] forecast(double[] history, int horizon) {
    return fit(history, horizon).point();
  }

  /**
   * The forecast with its interval, the trained members and their training histories.
   *
   * @param intervalQuantile q: the interval at step h is the adjusted forecast plus or minus {@code
   *     q sqrt(h)}, inverted
   */
  public record Fitted(
      double[] point,
      double[] lower,
      double[] upper,
      double level,
      ForecastEnsemble ensemble,
      List<History> histories,
      double intervalQuantile) {}

  /** The smallest history the forecaster accepts for a horizon. */
  public long minimumHistory(int horizon) {
    long outputs = outputs(horizon);
    // enough windows for a few to train on after the validation share and a gap of K-1
    long windows = (long) Math.ceil((outputs + 3) / (1 - VALIDATION_SHARE)) + 1;
    return config.windowFor(season) + outputs - 1 + windows;
  }

  /**
   * Trains the ensemble on {@code history} and forecasts {@code horizon} steps after it.
   *
   * @param history Not modified.
   */
  public Fitted fit(double[] history, int horizon) {
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    }
    int window = config.windowFor(season);
    if (history.length < minimumHistory(horizon)) {
      throw new IllegalArgumentException(
          "the series is too short: %d values for a window of %d and %d output step(s) needs at least %d; shorten --window or --horizon, or use a longer series"
              .formatted(history.length, window, outputs(horizon), minimumHistory(horizon)));
    }
    SeriesTransform transform =
        SeriesTransform.fit(history, season, config.power(), config.deseasonalize());
    double[] z = transform.apply(history);
    SmoothedLevel level = SmoothedLevel.fit(z);
    List<Example> windows = windows(z, level.levels(z, z.length), window, outputs(horizon));
    int outputs = outputs(horizon);
    int validationSize = Math.max(1, (int) Math.round(windows.size() * VALIDATION_SHARE));
    // a gap of K-1 windows keeps every validation target out of the training targets
    List<Example> train = windows.subList(0, windows.size() - validationSize - (outputs - 1));
    List<Example> validation = windows.subList(windows.size() - validationSize, windows.size());

    List<SequenceModel> members = new ArrayList<>();
    List<History> histories = new ArrayList<>();
    trainEnsemble(train, validation, outputs, members, histories);

    ForecastEnsemble ensemble = new ForecastEnsemble(members, transform, level, window);
    double quantile = calibrate(ensemble, z, z.length - 1 - outputs, validation.size(), horizon);
    var trained =
        new TrainedForecaster(
            ensemble,
            history.length,
            Frequency.UNDATED,
            null,
            horizon,
            quantile,
            config.intervalLevel());
    var f = trained.forecast(history, history.length - 1, horizon);
    return new Fitted(
        f.point(), f.lower(), f.upper(), config.intervalLevel(), ensemble, histories, quantile);
  }

  private int outputs(int horizon) {
    return config.strategy() == ForecastConfig.Strategy.DIRECT ? horizon : 1;
  }

  /** Level-normalised windows, oldest origin first, at most {@code maxWindows} of the latest. */
  /** Windows as {@link ForecastEnsemble} reads them, oldest first, at most the latest few. */
  private List<Example> windows(double[] z, double[] levels, int window, int outputs) {
    List<Example> out = new ArrayList<>();
    int first = Math.max(window - 1, z.length - outputs - config.maxWindows());
    for (int t = first; t + outputs < z.length; t++) {
      double[][] input = new double[window][ForecastEnsemble.INPUTS];
      double[][] target = new double[1][outputs];
      for (int k = 0; k < window; k++) {
        input[k][0] = z[t - window + 1 + k] - z[t];
        input[k][1] = levels[t - window + 1 + k] - z[t];
      }
      for (int h = 0; h < outputs; h++) {
        target[0][h] = z[t + 1 + h] - z[t];
      }
      out.add(Example.of(input, target));
    }
    return out;
  }

  /** The network: a recurrent stack read at its last step, then a dense layer to K outputs. */
  static SequenceModel network(ForecastConfig config, int outputs, Random rng) {
    var stack =
        new RecurrentStack(
            new RecurrentStack.Config(
                    config.cell(),
                    ForecastEnsemble.INPUTS,
                    config.hidden(),
                    config.layers(),
                    false,
                    true,
                    0)
                .withRecurrentDropout(config.recurrentDropout())
                .withOptions(config.cellOptions()),
            rng);
    return new SequenceModel(
        stack,
        new LastStep(),
        new Dense("head", config.hidden(), outputs, Activation.IDENTITY, rng));
  }

  private void trainEnsemble(
      List<Example> train,
      List<Example> validation,
      int outputs,
      List<SequenceModel> members,
      List<History> histories) {
    int threads = config.trainingThreads();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<History>> futures = new ArrayList<>();
      for (int i = 0; i < config.ensemble(); i++) {
        long seed = config.seed() + i;
        SequenceModel model = network(config, outputs, new Random(seed));
        members.add(model);
        futures.add(pool.submit(() -> trainMember(model, train, validation, seed)));
      }
      for (Future<History> f : futures) {
        histories.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("forecast training was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private History trainMember(
      SequenceModel model, List<Example> train, List<Example> validation, long seed) {
    TrainingConfig training =
        TrainingConfig.builder()
            .epochs(config.epochs())
            .batchMode(BatchMode.MINI_BATCH)
            .batchSize(config.batchSize())
            .seed(seed)
            .clipNorm(1.0)
            .patience(config.patience())
            .minEpochs(validation.size() < ForecastConfig.SMALL_VALIDATION ? config.minEpochs() : 0)
            .build();
    Trainer trainer =
        new Trainer(
            model,
            new MeanSquaredError(),
            new Adam(Adam.Config.defaults().withLearningRate(config.learningRate())),
            training);
    if (progress != null) {
      trainer.addListener(progress);
    }
    return trainer.fit(train, config.patience() > 0 ? validation : List.of());
  }

  /**
   * The {@code level} quantile of the ensemble median's absolute errors over the validation origins
   * (the last {@code count} up to {@code lastOrigin}), each divided by {@code sqrt(h)}, for every
   * step h up to the horizon whose actual value is known.
   */
  private double calibrate(
      ForecastEnsemble ensemble, double[] z, int lastOrigin, int validationOrigins, int horizon) {
    List<Double> scaled = new ArrayList<>();
    for (int origin = lastOrigin - validationOrigins + 1; origin <= lastOrigin; origin++) {
      int steps = Math.min(horizon, z.length - 1 - origin);
      double[] median = ensemble.adjustedForecast(z, origin, steps);
      for (int h = 1; h <= steps; h++) {
        scaled.add(Math.abs(z[origin + h] - median[h - 1]) / Math.sqrt(h));
      }
    }
    return quantile(
        scaled.stream().mapToDouble(Double::doubleValue).toArray(), config.intervalLevel());
  }

  /**
   * The empirical {@code level} quantile of {@code values}: the smallest value with at least {@code
   * level n} of the n values at or below it ({@code x_(ceil(level n))} of the sorted values, R's
   * and Hyndman-Fan's type 1, the inverse of the empirical distribution function: commons-math3's
   * {@link Percentile.EstimationType#R_1}).
   *
   * @param values Not modified.
   */
  static double quantile(double[] values, double level) {
    return new Percentile()
        .withEstimationType(Percentile.EstimationType.R_1)
        .evaluate(values, 100 * level);
  }
}
