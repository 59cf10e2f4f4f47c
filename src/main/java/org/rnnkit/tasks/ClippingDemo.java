package org.rnnkit.tasks;

import java.util.List;
import java.util.Random;
import org.rnnkit.data.Example;
import org.rnnkit.diagnostics.GradientNormRecorder;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.optim.Sgd;
import org.rnnkit.train.History;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingDivergedException;
import org.rnnkit.train.TrainingListener;

/**
 * Exploding gradients tamed by clipping (Pascanu, Mikolov and Bengio 2013): the same relu RNN, data
 * and plain SGD with a large learning rate, trained twice on the adding problem, once without
 * clipping and once clipping the global gradient norm. Both runs start from the same weights.
 *
 * @param cell the recurrent cell (a relu RNN explodes most readily)
 * @param length T of the adding problem
 * @param hiddenSize H
 * @param learningRate SGD's step, large enough to explode without clipping
 * @param clipNorm the threshold of the clipped run
 * @param updates the budget of each run
 * @param batchSize sequences per update
 */
public record ClippingDemo(
    CellChoice cell,
    int length,
    int hiddenSize,
    double learningRate,
    double clipNorm,
    int updates,
    int batchSize) {

  public ClippingDemo {
    if (!(clipNorm > 0) || !(learningRate > 0) || updates < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "clipping demo needs clip norm > 0, learning rate > 0, updates and batch size >= 1, got %s, %s, %d, %d"
              .formatted(clipNorm, learningRate, updates, batchSize));
    }
  }

  /**
   * One run.
   *
   * @param norms the global gradient norm before clipping, per update
   * @param losses the training loss per update
   * @param diverged the trainer's message if the run stopped on a non-finite value, else empty
   * @param testMse on fresh examples, with the last good weights
   */
  public record Run(double[] norms, double[] losses, String diverged, double testMse) {}

  /** The two runs: without and with clipping. */
  public record Result(Run unclipped, Run clipped) {}

  /**
   * @param listeners receive the events of both runs (e.g. a progress bar)
   */
  public Result run(long seed, List<TrainingListener> listeners) {
    AddingProblem task = new AddingProblem(length);
    int batches = Math.min(updates, 50);
    List<Example> train = task.generate(batches * batchSize, new Random(seed));
    List<Example> test = task.generate(500, new Random(seed ^ 0x5DEECE66DL));
    return new Result(
        once(task, train, test, seed, 0, listeners),
        once(task, train, test, seed, clipNorm, listeners));
  }

  private Run once(
      AddingProblem task,
      List<Example> train,
      List<Example> test,
      long seed,
      double clip,
      List<TrainingListener> listeners) {
    SequenceModel model = TaskRun.model(task, cell, hiddenSize, new Random(seed * 31 + 7));
    int batches = train.size() / batchSize;
    TrainingConfig config =
        TrainingConfig.builder()
            .epochs((updates + batches - 1) / batches)
            .batchSize(batchSize)
            .seed(seed)
            .clipNorm(clip)
            .build();
    GradientNormRecorder norms = new GradientNormRecorder(model.parameters());
    LossRecorder losses = new LossRecorder();
    Trainer trainer = new Trainer(model, task.loss(), new Sgd(learningRate), config);
    trainer.addListener(norms).addListener(losses);
    listeners.forEach(trainer::addListener);
    String diverged = "";
    try {
      trainer.fit(train, List.of(), new History());
    } catch (TrainingDivergedException e) {
      diverged = e.getMessage();
    }
    return new Run(norms.globalNorms(), losses.values(), diverged, task.score(model, test).value());
  }

  /** The loss of every update. */
  private static final class LossRecorder implements TrainingListener {
    private final java.util.List<Double> values = new java.util.ArrayList<>();

    @Override
    public void onBatch(BatchEvent event) {
      values.add(event.loss());
    }

    double[] values() {
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }
}
