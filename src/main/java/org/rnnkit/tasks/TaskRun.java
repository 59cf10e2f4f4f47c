package org.rnnkit.tasks;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.rnnkit.data.Example;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.LastStep;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.optim.Adam;
import org.rnnkit.train.BatchMode;
import org.rnnkit.train.History;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingDivergedException;
import org.rnnkit.train.TrainingListener;

/**
 * Trains one cell on one task with a {@link Budget} and scores it on fresh test examples. Every
 * random choice comes from the seed: training set, test set, initial weights and shuffles.
 */
public final class TaskRun {
  private TaskRun() {}

  /**
   * @param score on the test set after training
   * @param history one entry per epoch
   * @param diverged the reason, when training stopped on a non-finite loss; empty otherwise
   * @param model the trained model
   */
  public record Result(
      Task task,
      CellChoice cell,
      Task.Score score,
      History history,
      String diverged,
      SequenceModel model) {}

  /**
   * A model for {@code task}: one recurrent layer, then (many-to-one) the last step, then a head.
   */
  public static SequenceModel model(Task task, CellChoice cell, int hiddenSize, Random rng) {
    return model(task, cell, hiddenSize, 0, rng);
  }

  /** As {@link #model(Task, CellChoice, int, Random)}, with recurrent dropout p (0 for none). */
  public static SequenceModel model(
      Task task, CellChoice cell, int hiddenSize, double recurrentDropout, Random rng) {
    RecurrentStack stack = cell.stack(task.inputSize(), hiddenSize, recurrentDropout, rng);
    Dense head = new Dense("head", hiddenSize, task.outputSize(), Activation.IDENTITY, rng);
    List<Layer> layers =
        task.manyToOne() ? List.of(stack, new LastStep(), head) : List.of(stack, head);
    return new SequenceModel(layers);
  }

  /**
   * @param listeners Modified: receive the training events (e.g. a progress bar)
   */
  public static Result run(
      Task task, CellChoice cell, Budget budget, long seed, List<TrainingListener> listeners) {
    return run(task, cell, budget, seed, model -> listeners);
  }

  /**
   * @param listeners given the fresh model, the listeners to receive the training events (e.g. one
   *     that measures the model's gradient flow after every epoch)
   */
  public static Result run(
      Task task,
      CellChoice cell,
      Budget budget,
      long seed,
      Function<SequenceModel, List<TrainingListener>> listeners) {
    Random data = new Random(seed);
    List<Example> train = task.generate(budget.batchesPerEpoch() * budget.batchSize(), data);
    List<Example> test = task.generate(budget.testSize(), new Random(seed ^ 0x5DEECE66DL));
    SequenceModel model =
        model(
            task, cell, budget.hiddenSize(), budget.recurrentDropout(), new Random(seed * 31 + 7));
    TrainingConfig config =
        TrainingConfig.builder()
            .epochs(budget.epochs())
            .batchMode(BatchMode.MINI_BATCH)
            .batchSize(budget.batchSize())
            .seed(seed)
            .clipNorm(budget.clipNorm())
            .build();
    Adam adam = new Adam(Adam.Config.defaults().withLearningRate(budget.learningRate()));
    Trainer trainer = new Trainer(model, task.loss(), adam, config);
    listeners.apply(model).forEach(trainer::addListener);
    History history = new History();
    String diverged = "";
    try {
      trainer.fit(train, List.of(), history);
    } catch (TrainingDivergedException e) {
      diverged = e.getMessage();
    }
    return new Result(task, cell, task.score(model, test), history, diverged, model);
  }
}
