package org.rnnkit.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnnkit.data.Batch;
import org.rnnkit.data.Example;
import org.rnnkit.loss.Loss;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.SequenceModel;

/**
 * The adding problem (Hochreiter and Schmidhuber 1997, experiment 4; in the form of Le, Jaitly and
 * Hinton 2015): each step carries two features, a value {@code U(0, 1)} and a marker; exactly two
 * steps are marked, one in the first half of the sequence and one in the second, and the target is
 * the sum of their two values.
 *
 * <pre>
 *   x[t] = (v[t], m[t]),  v[t] ~ U(0, 1),  m[t] = 1 at steps p in [0, T/2) and q in [T/2, T), else 0
 *   y = v[p] + v[q]
 * </pre>
 *
 * <p>Predicting the mean, 1, gives a mean squared error of Var(v[p] + v[q]) = 2/12 = 0.167; a run
 * succeeds with a test MSE below {@value #SUCCESS_MSE}. The first marker can be T-1 steps before
 * the answer, so the error signal must cross up to the whole sequence.
 */
public final class AddingProblem implements Task {
  /** Test MSE below which the problem counts as solved. */
  public static final double SUCCESS_MSE = 0.01;

  /** The MSE of always answering the mean 1: the variance of the sum of two U(0,1) values. */
  public static final double BASELINE_MSE = 2.0 / 12;

  private final int length;

  /**
   * @param length T, at least 2
   */
  public AddingProblem(int length) {
    if (length < 2) {
      throw new IllegalArgumentException(
          "the adding problem needs T >= 2 (one marker per half), got " + length);
    }
    this.length = length;
  }

  @Override
  public String name() {
    return "adding";
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public int inputSize() {
    return 2;
  }

  @Override
  public int outputSize() {
    return 1;
  }

  @Override
  public boolean manyToOne() {
    return true;
  }

  @Override
  public Loss loss() {
    return new MeanSquaredError();
  }

  @Override
  public List<Example> generate(int count, Random rng) {
    List<Example> out = new ArrayList<>(count);
    int half = length / 2;
    for (int i = 0; i < count; i++) {
      double[][] x = new double[length][2];
      for (double[] step : x) {
        step[0] = rng.nextDouble();
      }
      int p = rng.nextInt(half);
      int q = half + rng.nextInt(length - half);
      x[p][1] = 1;
      x[q][1] = 1;
      out.add(Example.of(x, new double[][] {{x[p][0] + x[q][0]}}));
    }
    return out;
  }

  @Override
  public Score score(SequenceModel model, List<Example> test) {
    double sum = 0;
    for (int from = 0; from < test.size(); from += Scoring.CHUNK) {
      Batch batch = Batch.of(test.subList(from, Math.min(test.size(), from + Scoring.CHUNK)));
      model.resetState();
      sum += loss().value(model.forward(batch.input(), false), batch.target()) * batch.size();
    }
    double mse = sum / test.size();
    return new Score(mse, mse < SUCCESS_MSE);
  }

  @Override
  public String metric() {
    return "test MSE";
  }

  @Override
  public double threshold() {
    return SUCCESS_MSE;
  }

  @Override
  public boolean lowerIsBetter() {
    return true;
  }

  /** Predicting the mean sum, 1, whatever the input: MSE = Var(sum of two U(0, 1)) = 1/6. */
  @Override
  public double chance() {
    return BASELINE_MSE;
  }
}
