package org.rnnkit.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnnkit.data.Batch;
import org.rnnkit.data.Example;
import org.rnnkit.loss.Loss;
import org.rnnkit.loss.SoftmaxCrossEntropy;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;

/**
 * Copy memory (Hochreiter and Schmidhuber 1997; in the form of Arjovsky, Shah and Bengio 2016):
 * read K symbols, wait through a delay of T blanks, and after a delimiter write the K symbols back.
 *
 * <pre>
 *   classes:  0 = blank, 1..A = symbols, A+1 = delimiter          (A = alphabet)
 *   input:    s_1 .. s_K,  T-1 blanks,  delimiter,  K blanks      (T + 2K steps, one-hot)
 *   target:   T+K blanks,  s_1 .. s_K                             (class per step)
 * </pre>
 *
 * <p>The model predicts a class at every step, trained with softmax cross-entropy over all steps. A
 * memoryless model predicts blanks and then guesses, scoring 1/A on the recalled symbols; a run
 * succeeds when at least {@value #SUCCESS_ACCURACY} of the recalled test symbols are right.
 */
public final class CopyMemory implements Task {
  /** Share of recalled symbols that must be right. */
  public static final double SUCCESS_ACCURACY = 0.99;

  private final int delay;
  private final int symbols;
  private final int alphabet;

  /**
   * @param delay T, blanks between the last symbol read and the delimiter plus one; at least 1
   * @param symbols K, how many symbols to copy (Arjovsky et al.: 10)
   * @param alphabet A, distinct symbols (Arjovsky et al.: 8)
   */
  public CopyMemory(int delay, int symbols, int alphabet) {
    if (delay < 1 || symbols < 1 || alphabet < 2) {
      throw new IllegalArgumentException(
          "copy memory needs delay >= 1, symbols >= 1 and alphabet >= 2, got %d, %d, %d"
              .formatted(delay, symbols, alphabet));
    }
    this.delay = delay;
    this.symbols = symbols;
    this.alphabet = alphabet;
  }

  @Override
  public String name() {
    return "copy";
  }

  @Override
  public int length() {
    return delay;
  }

  /** Total steps per example: {@code T + 2K}. */
  public int steps() {
    return delay + 2 * symbols;
  }

  @Override
  public int inputSize() {
    return alphabet + 2;
  }

  @Override
  public int outputSize() {
    return alphabet + 2;
  }

  @Override
  public boolean manyToOne() {
    return false;
  }

  @Override
  public Loss loss() {
    return new SoftmaxCrossEntropy();
  }

  @Override
  public List<Example> generate(int count, Random rng) {
    int steps = steps();
    int delimiter = alphabet + 1;
    List<Example> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int[] in = new int[steps];
      double[][] target = new double[steps][1];
      for (int k = 0; k < symbols; k++) {
        int s = 1 + rng.nextInt(alphabet);
        in[k] = s;
        target[delay + symbols + k][0] = s;
      }
      in[symbols + delay - 1] = delimiter;
      double[][] x = new double[steps][];
      for (int t = 0; t < steps; t++) {
        x[t] = Scoring.oneHot(in[t], inputSize());
      }
      out.add(Example.of(x, target));
    }
    return out;
  }

  /** Accuracy on the K recalled symbols of every test example. */
  @Override
  public Score score(SequenceModel model, List<Example> test) {
    int right = 0;
    int total = 0;
    for (int from = 0; from < test.size(); from += Scoring.CHUNK) {
      Batch batch = Batch.of(test.subList(from, Math.min(test.size(), from + Scoring.CHUNK)));
      model.resetState();
      Sequence logits = model.forward(batch.input(), false);
      for (int b = 0; b < batch.size(); b++) {
        for (int t = delay + symbols; t < steps(); t++) {
          total++;
          if (Scoring.argmax(logits, t, b) == (int) batch.target().get(t, b, 0)) {
            right++;
          }
        }
      }
    }
    double accuracy = (double) right / total;
    return new Score(accuracy, accuracy >= SUCCESS_ACCURACY);
  }

  @Override
  public String metric() {
    return "recall accuracy";
  }

  @Override
  public double threshold() {
    return SUCCESS_ACCURACY;
  }

  @Override
  public boolean lowerIsBetter() {
    return false;
  }

  /** Guessing each recalled symbol: 1/A. */
  @Override
  public double chance() {
    return 1.0 / alphabet;
  }
}
