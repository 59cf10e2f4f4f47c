package org.rnnkit.spark;

import java.io.Serializable;
import org.rnnkit.data.Example;

/**
 * One training example with its index in the training set (0 .. N-1), as plain arrays Spark can
 * ship: the index is what lets the driver reproduce a single-machine run's batches ({@link
 * org.rnnkit.train.BatchOrder}) whatever partition holds the example.
 *
 * @param index the example's position in the training set as a single machine would hold it
 * @param input {@code T x F}, one row per step
 * @param target {@code T x O} or {@code 1 x O}
 */
public record IndexedExample(int index, double[][] input, double[][] target)
    implements Serializable {

  public IndexedExample {
    if (index < 0) {
      throw new IllegalArgumentException("an example's index must be 0 or more, got " + index);
    }
  }

  /** The example {@code example} at {@code index}. */
  public static IndexedExample of(int index, Example example) {
    return new IndexedExample(
        index, example.input().toBatchFirst()[0], example.target().toBatchFirst()[0]);
  }

  /** The example as rnnkit's trainers take it (a batch of one). */
  public Example example() {
    return Example.of(input, target);
  }
}
