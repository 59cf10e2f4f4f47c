package org.rnnkit.forecast.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rnnkit.data.Example;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.LastStep;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.optim.Adam;
import org.rnnkit.optim.Optimizer;
import org.rnnkit.train.BatchMode;
import org.rnnkit.train.History;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingListener;

/**
 * The global model: one recurrent network trained on windows pooled from every series of a
 * catalogue (an ensemble of such networks from different seeds), in the manner of the M4 winner's
 * cross-learning (Smyl, International Journal of Forecasting 36(1), 2020) without its per-series
 * smoothing parameters.
 *
 * <ol>
 *   <li>Each series is normalised by what its own training part gives ({@link AdjustedSeries}): log
 *       when positive, a significant season removed, divided by the scale of its differences, and
 *       every window measured from its last value.
 *   <li>Each series' last window whose targets lie in the training part (the last H values) is kept
 *       for early stopping; training windows end before those targets begin and start at origin
 *       {@code minHistory - 1} (2 observed values by default; the window's earlier steps padded and
 *       flagged). Requiring half a window observed, as before 2026-11-30, left a yearly series of
 *       40 values (H = 6, window 12, 3 backtest origins held out) no training window at all: that,
 *       more than how trends are presented, is why the network had learnt little more than the last
 *       value on short yearly series.
 *   <li>Every epoch each network draws at most {@code windowsPerSeries} training windows from every
 *       series ({@link TrainingWindows}: each network, epoch and series its own draw), so a series
 *       of 2,000 values weighs as much as one of 80; a recurrent layer read at its last step and a
 *       dense layer give the H targets; the configured loss (MAE by default), Adam, clipping at
 *       norm 1; the weights of the epoch with the lowest validation loss are kept.
 *   <li>The forecast of a series is the median over the networks, inverted by its transform.
 * </ol>
 */
public final class GlobalForecaster implements CatalogueModel {
  private final GlobalConfig config;

  public GlobalForecaster(GlobalConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "global";
  }

  @Override
  public GlobalModel fit(
      List<double[]> training, int season, int horizon, TrainingListener progress) {
    if (training.isEmpty() || horizon < 1) {
      throw new IllegalArgumentException(
          "the global model needs at least one series and a horizon of at least 1, got %d and %d"
              .formatted(training.size(), horizon));
    }
    int window = config.windowFor(season, horizon);
    List<AdjustedSeries> series = new ArrayList<>();
    List<AdjustedSeries.Adjusted> adjusted = new ArrayList<>();
    for (double[] y : training) {
      AdjustedSeries s = AdjustedSeries.fit(y, season);
      series.add(s);
      adjusted.add(s.adjust(y));
    }
    TrainingWindows pool =
        new TrainingWindows(
            TrainingWindows.allIds(training.size()),
            adjusted,
            window,
            config.firstOrigin(),
            horizon,
            config.patience() > 0);
    if (pool.trainingWindows() == 0) {
      throw noSeriesLongEnough(config, horizon);
    }
    List<SequenceModel> members = trainMembers(pool, horizon, progress);
    return new GlobalModel(members, series, window, horizon);
  }

  /**
   * The global model made of networks trained elsewhere (e.g. data-parallel on a cluster) on the
   * windows of {@link TrainingWindows#of} for the same training parts, season, config and horizon.
   *
   * @param members the trained networks, each built by {@link #network}
   * @param training Not modified. Each series' training part, in catalogue order.
   */
  public GlobalModel assemble(
      List<SequenceModel> members, List<double[]> training, int season, int horizon) {
    List<AdjustedSeries> series = new ArrayList<>();
    for (double[] y : training) {
      series.add(AdjustedSeries.fit(y, season));
    }
    return new GlobalModel(members, series, config.windowFor(season, horizon), horizon);
  }

  private List<SequenceModel> trainMembers(
      TrainingWindows pool, int horizon, TrainingListener progress) {
    int threads = Math.max(1, Math.min(config.ensemble(), config.threads()));
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<SequenceModel> members = new ArrayList<>();
      List<Future<History>> futures = new ArrayList<>();
      for (int i = 0; i < config.ensemble(); i++) {
        long seed = config.seed() + i;
        SequenceModel model = network(config, horizon, new Random(seed));
        members.add(model);
        futures.add(executor.submit(() -> trainMember(model, pool, seed, progress)));
      }
      for (Future<History> f : futures) {
        f.get();
      }
      return members;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("training of the global model was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * The global network, untrained: a recurrent layer of {@code config.hidden()} units over the
   * window's {@link AdjustedSeries#INPUTS} features, read at its last step, then a dense layer to
   * the H targets ({@code w x B x 3 -> 1 x B x H}). Every weight is drawn from {@code rng}, so one
   * seed gives one network wherever it is built.
   */
  public static SequenceModel network(GlobalConfig config, int horizon, Random rng) {
    var stack =
        new RecurrentStack(
            new RecurrentStack.Config(
                config.cell(), AdjustedSeries.INPUTS, config.hidden(), 1, false, true, 0),
            rng);
    return new SequenceModel(
        stack,
        new LastStep(),
        new Dense("head", config.hidden(), horizon, Activation.IDENTITY, rng));
  }

  /** The error when no series gives a training window (also Spark's global model's). */
  public static IllegalArgumentException noSeriesLongEnough(GlobalConfig config, int horizon) {
    return new IllegalArgumentException(
        ("no series is long enough to train on: a window needs at least %d values before %d"
                + " targets (%d with early stopping) in the part it is fitted on; use longer series, a"
                + " smaller horizon or fewer backtest origins (--origins)")
            .formatted(config.minHistory(), horizon, config.minHistory() + 2 * horizon));
  }

  /**
   * How one network of the ensemble trains (also on Spark): mini-batches of {@code
   * config.batchSize()}, clipping at norm 1, early stopping only with a validation set; with the
   * loss {@link GlobalConfig#loss()} and the optimizer {@link #optimizer}.
   */
  public static TrainingConfig trainingConfig(GlobalConfig config, long seed, boolean validate) {
    return TrainingConfig.builder()
        .epochs(config.epochs())
        .batchMode(BatchMode.MINI_BATCH)
        .batchSize(config.batchSize())
        .seed(seed)
        .clipNorm(1.0)
        .patience(validate ? config.patience() : 0)
        .build();
  }

  /** A new optimizer for one network: Adam at {@code config.learningRate()}. */
  public static Optimizer optimizer(GlobalConfig config) {
    return new Adam(Adam.Config.defaults().withLearningRate(config.learningRate()));
  }

  private History trainMember(
      SequenceModel model, TrainingWindows pool, long seed, TrainingListener progress) {
    List<Example> validation = pool.validation();
    boolean validate = !validation.isEmpty();
    Trainer trainer =
        new Trainer(
            model,
            config.loss().create(),
            optimizer(config),
            trainingConfig(config, seed, validate));
    if (progress != null) {
      trainer.addListener(progress);
    }
    return trainer.fit(
        epoch -> pool.examples(pool.draw(seed, epoch, config.windowsPerSeries())),
        validation,
        new History());
  }
}
