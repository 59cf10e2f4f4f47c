package org.rnnkit.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.rnnkit.data.Batch;
import org.rnnkit.data.Example;
import org.rnnkit.loss.Loss;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.optim.GradientClipping;
import org.rnnkit.optim.Optimizer;
import org.rnnkit.train.TrainingListener.BatchEvent;
import org.rnnkit.train.TrainingListener.EpochEvent;

/**
 * Puts model, loss, optimizer, batching, clipping, stopping rule and listeners together.
 *
 * <p>One update: zero the gradients; forward; loss; backward (through every step, or within chunks
 * of {@link TrainingConfig#truncation()} steps); the global gradient norm; clipping; the optimizer
 * step. A non-finite loss, gradient norm or updated weight stops training with a {@link
 * TrainingDivergedException}, and the model keeps the weights from before that update.
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
  private final List<Parameter> parameters;
  private final WeightSnapshot lastGood;
  private final WeightSnapshot best;
  private boolean reuseBuffers = true;

  public Trainer(SequenceModel model, Loss loss, Optimizer optimizer, TrainingConfig config) {
    this.model = model;
    this.loss = loss;
    this.optimizer = optimizer;
    this.config = config;
    this.parameters = model.parameters();
    this.lastGood = new WeightSnapshot(parameters);
    this.best = new WeightSnapshot(parameters);
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
    int batches = (train.size() + perUpdate - 1) / perUpdate;
    List<TrainingListener> all = new ArrayList<>(listeners);
    all.add(0, history);
    all.forEach(l -> l.onStart(config, batches));

    // early stopping starts afresh, also when resuming (the best weights are not in a checkpoint)
    EpochEvent bestEpoch = null;
    best.capture();
    int sinceBest = 0;
    int first = history.epochs().size() + 1;
    // the first epoch whose weights may be restored (the last one if training is shorter)
    int firstCandidate = Math.min(config.minEpochs(), config.epochs());
    for (int epoch = first; epoch <= config.epochs(); epoch++) {
      if (epoch > first) {
        train = trainingSetOf.apply(epoch);
      }
      EpochEvent event = runEpoch(epoch, train, validation, perUpdate, batches, all);
      for (TrainingListener l : all) {
        l.onEpoch(event);
      }
      if (config.patience() > 0 && epoch >= firstCandidate) {
        if (bestEpoch == null
            || event.validationLoss() < bestEpoch.validationLoss() - config.minDelta()) {
          bestEpoch = event;
          best.capture();
          sinceBest = 0;
        } else if (++sinceBest >= config.patience()) {
          history.stoppedBecause(
              "early stopping after epoch %d: no better validation loss for %d epochs; restored the weights of epoch %d (validation loss %.6g)"
                  .formatted(epoch, sinceBest, bestEpoch.epoch(), bestEpoch.validationLoss()));
          break;
        }
      }
    }
    if (config.patience() > 0 && bestEpoch != null) {
      best.restore();
      history.restoredEpoch(bestEpoch.epoch());
    }
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
    long epochSeed = config.seed() * 1_000_003L + epoch;
    model.reseed(epochSeed);
    List<Example> order = new ArrayList<>(train);
    if (config.batchMode() == BatchMode.MINI_BATCH) {
      Collections.shuffle(order, new Random(epochSeed));
    }
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
    model.zeroGrad();
    double value = backpropagate(batch);
    double norm = GradientClipping.globalNorm(parameters);
    if (!Double.isFinite(value) || !Double.isFinite(norm)) {
      throw diverged(
          "the loss is %s and the gradient norm %s at epoch %d, batch %d"
              .formatted(value, norm, epoch, batchIndex));
    }
    if (config.clipNorm() > 0) {
      GradientClipping.byNorm(config.clipNorm()).apply(parameters);
    }
    if (config.clipValue() > 0) {
      GradientClipping.byValue(config.clipValue()).apply(parameters);
    }
    lastGood.capture();
    optimizer.step(parameters);
    if (!WeightSnapshot.allFinite(parameters)) {
      lastGood.restore();
      throw diverged(
          "an update made a weight non-finite at epoch %d, batch %d (gradient norm %s)"
              .formatted(epoch, batchIndex, norm));
    }
    return new double[] {value, norm};
  }

  private TrainingDivergedException diverged(String what) {
    return new TrainingDivergedException(
        "training diverged: %s. The weights of the last good update are kept. Lower the learning rate%s, or clip gradients by norm (e.g. 1.0)%s."
            .formatted(
                what,
                " (now " + learningRate() + ")",
                config.clipNorm() > 0 ? " more tightly than " + config.clipNorm() : ""));
  }

  /**
   * Forward and backward on one batch, adding every parameter's gradient; returns the loss. With
   * truncation k shorter than the batch, the loss is the same mean over all steps, but gradients
   * flow back only within each chunk of k steps (the state is carried across chunks as a constant).
   * The layers reuse their buffers meanwhile ({@link SequenceModel#reuseBuffers}) and stop when it
   * returns, so a caller's later forward again returns sequences of its own.
   */
  double backpropagate(Batch batch) {
    model.reuseBuffers(reuseBuffers);
    try {
      return forwardAndBackward(batch);
    } finally {
      model.reuseBuffers(false);
    }
  }

  /**
   * Whether forward and backward inside this trainer use the layers' own buffers (default true):
   * nothing of the batch's size is copied or allocated per pass, and no number changes; off only
   * for tests that compare the two.
   */
  void reuseBuffers(boolean reuse) {
    this.reuseBuffers = reuse;
  }

  private double forwardAndBackward(Batch batch) {
    Sequence input = batch.input();
    Sequence target = batch.target();
    int steps = input.steps();
    int k = config.truncation();
    model.resetState();
    if (k == 0 || k >= steps) {
      Loss.Evaluation e = loss.evaluate(model.forward(input, true), target);
      model.backward(e.gradient());
      return e.value();
    }
    if (input.lengths() != null) {
      throw new IllegalArgumentException(
          "truncated BPTT needs sequences of one length; this batch is padded. Group examples by length or set truncation to 0");
    }
    boolean perStep = target.steps() == steps;
    double total = 0;
    for (int from = 0; from < steps; from += k) {
      int n = Math.min(k, steps - from);
      Sequence output = model.forward(input.stepSlice(from, n), true);
      if (perStep) {
        // this chunk's share of the mean over all steps
        double weight = (double) n / steps;
        Loss.Evaluation e = loss.evaluate(output, target.stepSlice(from, n));
        model.backward(scaled(e.gradient(), weight));
        total += weight * e.value();
      } else if (from + n == steps) {
        Loss.Evaluation e = loss.evaluate(output, target);
        model.backward(e.gradient());
        total = e.value();
      }
      model.carryState();
    }
    model.resetState();
    return total;
  }

  private static Sequence scaled(Sequence s, double factor) {
    for (int i = 0; i < s.values().getNumElements(); i++) {
      s.values().data[i] *= factor;
    }
    return s;
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
