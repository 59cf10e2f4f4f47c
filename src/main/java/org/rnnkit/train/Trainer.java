package org.rnnkit.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.rnnkit.data.Batch;
import org.rnnkit.data.Example;
import org.rnnkit.loss.Loss;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.optim.Optimizer;
import org.rnnkit.train.TrainingListener.BatchEvent;
import org.rnnkit.train.TrainingListener.EpochEvent;

/**
 * Puts model, loss, optimizer, batching, clipping, stopping rule and listeners together.
 *
 * <p>One update: zero the gradients; forward; loss; backward (through every step, or within chunks
 * of {@link TrainingConfig#truncation()} steps); the global gradient norm; clipping; the optimizer
 * step. A non-finite loss, gradient norm or updated weight stops training with a {@link
 * TrainingDivergedException}, and the model keeps the weights from before that update. The two
 * halves of an update are {@link BatchGradient} and {@link UpdateStep}, the epoch's order {@link
 * BatchOrder}, the stopping rule {@link EarlyStopping}: a data-parallel trainer reuses them.
 *
 * <p>Every random choice (the shuffle of each epoch, dropout masks) is drawn from a stream seeded
 * by (seed, epoch), so a run is reproducible bit for bit, and a run resumed at epoch e from a
 * checkpoint continues exactly as the uninterrupted run would have.
 *
 * <pre>{@code
 * History history =
 *     new Trainer(model, new MeanSquaredError(), new Adam(), TrainingConfig.builder().epochs(50).build())
 *         .addListener(EpochLogger.to(System.out))
 *         .fit(train, validation);
 * }</pre>
 */
public final class Trainer {
  private final SequenceModel model;
  private final Loss loss;
  private final Optimizer optimizer;
  private final TrainingConfig config;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private final BatchGradient gradient;
  private final UpdateStep step;
  private boolean reuseBuffers = true;

  public Trainer(SequenceModel model, Loss loss, Optimizer optimizer, TrainingConfig config) {
    this.model = model;
    this.loss = loss;
    this.optimizer = optimizer;
    this.config = config;
    this.gradient = new BatchGradient(model, loss, config.truncation());
    this.step = new UpdateStep(model.parameters(), optimizer, config);
  }

  /** Adds a listener; returns this trainer. */
  public Trainer addListener(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  public TrainingConfig config() {
    return config;
  }

  /** Trains from epoch 1. */
  public History fit(List<Example> train, List<Example> validation) {
    return fit(train, validation, new History());
  }

  /**
   * Trains for the epochs after those already in {@code history} (empty for a fresh run; a
   * checkpoint's history to resume).
   *
   * @param train Not modified. At least one example.
   * @param validation Not modified. May be empty; required for early stopping.
   * @param history Modified: receives one entry per epoch.
   */
  public History fit(List<Example> train, List<Example> validation, History history) {
    return fit(epoch -> train, validation, history);
  }

  /**
   * Trains with a training set drawn afresh for each epoch, e.g. augmented copies of the data:
   * {@code trainingSetOf.apply(epoch)} gives epoch {@code epoch}'s examples (1-based; the same size
   * every epoch). Otherwise as {@link #fit(List, List, History)}.
   *
   * @param trainingSetOf called once per epoch, before the epoch's first update
   */
  public History fit(
      IntFunction<List<Example>> trainingSetOf, List<Example> validation, History history) {
    List<Example> train = trainingSetOf.apply(history.epochs().size() + 1);
    if (train.isEmpty()) {
      throw new IllegalArgumentException("the training set is empty; give at least one example");
    }
    if (config.patience() > 0 && validation.isEmpty()) {
      throw new IllegalArgumentException(
          "early stopping (patience %d) needs a validation set; give one or set patience to 0"
              .formatted(config.patience()));
    }
    int perUpdate = config.examplesPerUpdate(train.size());
    int batches = BatchOrder.batches(train.size(), config);
    List<TrainingListener> all = new ArrayList<>(listeners);
    all.add(0, history);
    all.forEach(l -> l.onStart(config, batches));

    EarlyStopping stopping = new EarlyStopping(model.parameters(), config);
    int first = history.epochs().size() + 1;
    for (int epoch = first; epoch <= config.epochs(); epoch++) {
      if (epoch > first) {
        train = trainingSetOf.apply(epoch);
      }
      EpochEvent event = runEpoch(epoch, train, validation, perUpdate, batches, all);
      for (TrainingListener l : all) {
        l.onEpoch(event);
      }
      if (stopping.stopAfter(event, history)) {
        break;
      }
    }
    stopping.finish(history);
    all.forEach(l -> l.onEnd(history));
    return history;
  }

  private EpochEvent runEpoch(
      int epoch,
      List<Example> train,
      List<Example> validation,
      int perUpdate,
      int batches,
      List<TrainingListener> all) {
    model.reseed(BatchOrder.epochSeed(config.seed(), epoch));
    List<Example> order = BatchOrder.arrange(train, config, epoch);
    double lossSum = 0;
    double normSum = 0;
    double normMax = 0;
    for (int b = 0; b < batches; b++) {
      if (Thread.currentThread().isInterrupted()) {
        throw new IllegalStateException("training was interrupted at epoch " + epoch);
      }
      List<Example> part =
          order.subList(b * perUpdate, Math.min(order.size(), (b + 1) * perUpdate));
      Batch batch = Batch.of(part);
      double[] lossAndNorm = update(batch, epoch, b + 1);
      lossSum += lossAndNorm[0] * part.size();
      normSum += lossAndNorm[1];
      normMax = Math.max(normMax, lossAndNorm[1]);
      BatchEvent event =
          new BatchEvent(
              epoch, b + 1, batches, part.size(), lossAndNorm[0], lossAndNorm[1], learningRate());
      for (TrainingListener l : all) {
        l.onBatch(event);
      }
    }
    double validationLoss = validation.isEmpty() ? Double.NaN : evaluate(validation);
    return new EpochEvent(
        epoch,
        config.epochs(),
        lossSum / train.size(),
        validationLoss,
        normSum / batches,
        normMax,
        learningRate(),
        batches);
  }

  /** One optimizer update on one batch; returns {loss, gradient norm before clipping}. */
  private double[] update(Batch batch, int epoch, int batchIndex) {
    double value = gradient.compute(batch);
    double norm = step.apply(value, epoch, batchIndex);
    return new double[] {value, norm};
  }

  /** {@link BatchGradient#accumulate}: forward and backward on one batch; returns the loss. */
  double backpropagate(Batch batch) {
    return gradient.accumulate(batch);
  }

  /**
   * Whether forward and backward inside this trainer use the layers' own buffers (default true):
   * nothing of the batch's size is copied or allocated per pass, and no number changes; off only
   * for tests that compare the two.
   */
  void reuseBuffers(boolean reuse) {
    this.reuseBuffers = reuse;
    gradient.reuseBuffers(reuse);
  }

  /**
   * The loss on {@code data} in inference mode (no dropout, no gradient), averaged over examples.
   */
  public double evaluate(List<Example> data) {
    if (data.isEmpty()) {
      throw new IllegalArgumentException("cannot evaluate on an empty set");
    }
    int size = Math.max(1, config.batchSize());
    double sum = 0;
    model.reuseBuffers(reuseBuffers);
    try {
      for (int from = 0; from < data.size(); from += size) {
        List<Example> part = data.subList(from, Math.min(data.size(), from + size));
        Batch batch = Batch.of(part);
        model.resetState();
        sum += loss.value(model.forward(batch.input(), false), batch.target()) * part.size();
      }
    } finally {
      model.reuseBuffers(false);
    }
    return sum / data.size();
  }

  private double learningRate() {
    return optimizer.learningRate();
  }
}
