package org.rnnkit.tasks;

import java.util.List;
import java.util.Random;
import org.rnnkit.data.Example;
import org.rnnkit.loss.Loss;
import org.rnnkit.nn.SequenceModel;

/**
 * A synthetic long-range task: a seeded generator of examples whose answer depends on inputs far
 * back in the sequence, a loss to train on, and a success test.
 *
 * <p>Call order: {@link #generate} training and test sets (each from its own seeded {@link
 * Random}), train a model with {@link #loss()}, then {@link #score} it on the test set.
 */
public interface Task {

  /** {@code adding}, {@code copy} or {@code reber}. */
  String name();

  /** The length parameter T the task was built with (its meaning is the task's own). */
  int length();

  /** Features per input step. */
  int inputSize();

  /** Outputs of the model's head per predicted step. */
  int outputSize();

  /** True when only the last step is predicted (many-to-one), false for one output per step. */
  boolean manyToOne();

  Loss loss();

  /**
   * {@code count} independent examples.
   *
   * @param rng Modified: consumed; the same seed gives the same examples
   */
  List<Example> generate(int count, Random rng);

  /**
   * How well {@code model} does on {@code test}, and whether that counts as solving the task.
   *
   * @param model Not modified (run in inference mode).
   */
  Score score(SequenceModel model, List<Example> test);

  /**
   * @param value the task's metric ({@link #metric()})
   * @param success whether {@code value} passes {@link #threshold()}
   */
  record Score(double value, boolean success) {}

  /** What {@link Score#value()} measures, with its unit, e.g. "test MSE". */
  String metric();

  /** The value {@link Score#value()} must beat to count as solved. */
  double threshold();

  /** True when lower metric values are better (an error), false for an accuracy. */
  boolean lowerIsBetter();

  /**
   * The chance level of the metric: what a model scores that has no memory of the inputs the answer
   * depends on, drawn on task charts so that a run at chance reads as one.
   */
  double chance();
}
