package org.rnnkit.forecast.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rnnkit.data.Example;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Sequence;
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
 *       for early stopping; training windows end before those targets begin.
 *   <li>Every epoch each network draws at most {@code windowsPerSeries} training windows from every
 *       series (each network and epoch its own draw), so a series of 2,000 values weighs as much as
 *       one of 80; a recurrent layer read at its last step and a dense layer give the H targets;
 *       MSE, Adam, clipping at norm 1; the weights of the epoch with the lowest validation loss are
 *       kept.
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
    Pool pool = new Pool(adjusted, window, horizon, config.patience() > 0);
    if (pool.trainingWindows() == 0) {
      throw new IllegalArgumentException(
          ("no series is long enough to train on: a window needs at least %d values before %d"
                  + " targets (%d with early stopping); use longer series or a smaller horizon")
              .formatted(window / 2 + 1, horizon, window / 2 + 1 + 2 * horizon));
    }
    List<SequenceModel> members = trainMembers(pool, horizon, progress);
    return new GlobalModel(members, series, window, horizon);
  }

  /** The windows every series offers: training origins and one validation origin per series. */
  private static final class Pool {
    final List<AdjustedSeries.Adjusted> series;
    final int window;
    final int horizon;

    /**
     * Series i's training origins are {@code first .. last[i]}; none when {@code last[i] < first}.
     */
    final int first;

    final int[] last;
    final List<Example> validation = new ArrayList<>();

    Pool(List<AdjustedSeries.Adjusted> series, int window, int horizon, boolean validate) {
      this.series = series;
      this.window = window;
      this.horizon = horizon;
      // at least half the window is observed
      this.first = window / 2;
      this.last = new int[series.size()];
      for (int i = 0; i < series.size(); i++) {
        int n = series.get(i).z().length;
        int validationOrigin = n - 1 - horizon;
        last[i] = validate ? validationOrigin - horizon : validationOrigin;
        if (validate && validationOrigin >= first) {
          validation.add(example(i, validationOrigin));
        }
      }
    }

    long trainingWindows() {
      long count = 0;
      for (int l : last) {
        count += Math.max(0, l - first + 1);
      }
      return count;
    }

    Example example(int i, int origin) {
      Sequence input = new Sequence(window, 1, AdjustedSeries.INPUTS);
      Sequence target = new Sequence(1, 1, horizon);
      series.get(i).window(origin, input, 0);
      series.get(i).target(origin, target, 0);
      return new Example(input, target);
    }

    /**
     * At most {@code perSeries} distinct training windows of every series, drawn by {@code rng}.
     */
    List<Example> draw(int perSeries, Random rng) {
      List<Example> out = new ArrayList<>();
      for (int i = 0; i < series.size(); i++) {
        int count = last[i] - first + 1;
        if (count <= 0) {
          continue;
        }
        int take = Math.min(count, perSeries);
        // Floyd's sampling of take distinct origins out of count
        java.util.Set<Integer> chosen = new java.util.TreeSet<>();
        for (int j = count - take; j < count; j++) {
          int pick = rng.nextInt(j + 1);
          chosen.add(chosen.contains(pick) ? j : pick);
        }
        for (int k : chosen) {
          out.add(example(i, first + k));
        }
      }
      return out;
    }
  }

  private List<SequenceModel> trainMembers(Pool pool, int horizon, TrainingListener progress) {
    int threads = Math.max(1, Math.min(config.ensemble(), config.threads()));
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<SequenceModel> members = new ArrayList<>();
      List<Future<History>> futures = new ArrayList<>();
      for (int i = 0; i < config.ensemble(); i++) {
        long seed = config.seed() + i;
        SequenceModel model = network(horizon, new Random(seed));
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

  /** A recurrent layer read at its last step, then a dense layer to the H targets. */
  private SequenceModel network(int horizon, Random rng) {
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

  private History trainMember(
      SequenceModel model, Pool pool, long seed, TrainingListener progress) {
    boolean validate = !pool.validation.isEmpty();
    TrainingConfig training =
        TrainingConfig.builder()
            .epochs(config.epochs())
            .batchMode(BatchMode.MINI_BATCH)
            .batchSize(config.batchSize())
            .seed(seed)
            .clipNorm(1.0)
            .patience(validate ? config.patience() : 0)
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
    Random draws = new Random(seed * 31 + 7);
    return trainer.fit(
        epoch -> pool.draw(config.windowsPerSeries(), draws),
        validate ? pool.validation : List.of(),
        new History());
  }
}
