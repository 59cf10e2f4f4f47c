package org.rnnkit.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which an epoch visits a training set and how it is cut into updates, as {@link
 * Trainer} does it: mini-batch mode shuffles with a stream seeded by (seed, epoch), the other modes
 * keep the given order; update b (0-based) takes positions {@code b k .. min(N, (b+1) k) - 1} of
 * that order, with k = {@link TrainingConfig#examplesPerUpdate}. The permutation depends only on N,
 * the seed and the epoch, so shuffling example indices gives the same order as shuffling the
 * examples: a data-parallel trainer reproduces a single-machine run's batches from indices alone.
 */
public final class BatchOrder {
  private BatchOrder() {}

  /**
   * The seed of epoch e's random choices (shuffle, dropout masks): {@code seed * 1000003 + epoch}.
   */
  public static long epochSeed(long seed, int epoch) {
    return seed * 1_000_003L + epoch;
  }

  /**
   * A copy of {@code items} in epoch {@code epoch}'s order.
   *
   * @param items Not modified.
   */
  public static <T> List<T> arrange(List<T> items, TrainingConfig config, int epoch) {
    List<T> order = new ArrayList<>(items);
    if (config.batchMode() == BatchMode.MINI_BATCH) {
      Collections.shuffle(order, new Random(epochSeed(config.seed(), epoch)));
    }
    return order;
  }

  /**
   * Epoch {@code epoch}'s order of the indices {@code 0 .. n-1}: {@code order[p]} is the index of
   * the example at position p; the same permutation {@link #arrange} applies to n items.
   */
  public static int[] indices(int n, TrainingConfig config, int epoch) {
    List<Integer> identity = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      identity.add(i);
    }
    return arrange(identity, config, epoch).stream().mapToInt(Integer::intValue).toArray();
  }

  /** The number of updates per epoch for a training set of {@code n}: ceil(n / k). */
  public static int batches(int n, TrainingConfig config) {
    int perUpdate = config.examplesPerUpdate(n);
    return (n + perUpdate - 1) / perUpdate;
  }
}
