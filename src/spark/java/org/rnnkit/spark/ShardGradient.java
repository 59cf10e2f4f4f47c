package org.rnnkit.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.rnnkit.data.Batch;
import org.rnnkit.loss.Loss;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.train.BatchGradient;

/**
 * One partition's part of one step: the gradient of its shard of the mini-batch, weighted so that
 * shards sum to the whole batch ({@link BatchGradient}). The shard is the partition's examples
 * whose position in the epoch's order lies in step b's range, in that order, taken from the
 * partition's examples grouped by step once per epoch ({@link #bySteps}), so that a step touches
 * only its own examples; the result is one vector of P + 3 values,
 *
 * <pre>
 *   [ W_s dL_s/dw (P values),  W_s L_s,  W_s,  n_s ]
 * </pre>
 *
 * with W_s the shard's {@link BatchGradient#weight} and n_s its examples, or nothing when the
 * partition holds none of the batch. It changes nothing but a replica built in the task, so a
 * retried task gives the same vector.
 *
 * <p>Shipped per task (serialized with the closure): the two suppliers, the broadcast handle and a
 * few numbers; the weights (P doubles) travel as a broadcast, once per executor.
 */
final class ShardGradient implements FlatMapFunction<Iterator<IndexedExample[][]>, double[]> {
  private static final long serialVersionUID = 1L;

  private final SerializableSupplier<SequenceModel> replica;
  private final SerializableSupplier<Loss> loss;
  private final int truncation;
  private final long seed;
  private final Broadcast<double[]> weights;
  private final int step;

  /**
   * @param seed the step's seed of random choices (dropout), offset by the partition
   * @param step the step, 0-based: its shard is element {@code step} of the partition's groups
   */
  ShardGradient(
      SerializableSupplier<SequenceModel> replica,
      SerializableSupplier<Loss> loss,
      int truncation,
      long seed,
      Broadcast<double[]> weights,
      int step) {
    this.replica = replica;
    this.loss = loss;
    this.truncation = truncation;
    this.seed = seed;
    this.weights = weights;
    this.step = step;
  }

  /**
   * Groups a partition's examples by step, once per epoch: one element per partition, {@code [b]}
   * the examples at positions {@code [b k, (b+1) k)} of the epoch's order, in that order.
   *
   * @param positions {@code positions[index]}: the example's position in the epoch's order
   * @param perUpdate k, the examples per step
   * @param steps the epoch's steps, {@code ceil(N / k)}
   */
  static FlatMapFunction<Iterator<IndexedExample>, IndexedExample[][]> bySteps(
      Broadcast<int[]> positions, int perUpdate, int steps) {
    return examples -> {
      int[] position = positions.value();
      List<List<IndexedExample>> groups = new ArrayList<>();
      for (int b = 0; b < steps; b++) {
        groups.add(new ArrayList<>());
      }
      while (examples.hasNext()) {
        IndexedExample e = examples.next();
        if (e.index() >= position.length) {
          throw new IllegalArgumentException(
              "example index %d is beyond the training set of %d; indices must be 0 .. N-1"
                  .formatted(e.index(), position.length));
        }
        groups.get(position[e.index()] / perUpdate).add(e);
      }
      IndexedExample[][] out = new IndexedExample[steps][];
      for (int b = 0; b < steps; b++) {
        List<IndexedExample> group = groups.get(b);
        group.sort(Comparator.comparingInt(e -> position[e.index()]));
        out[b] = group.toArray(new IndexedExample[0]);
      }
      return List.<IndexedExample[][]>of(out).iterator();
    };
  }

  @Override
  public Iterator<double[]> call(Iterator<IndexedExample[][]> groups) {
    List<IndexedExample> shard = new ArrayList<>();
    while (groups.hasNext()) {
      shard.addAll(List.of(groups.next()[step]));
    }
    if (shard.isEmpty()) {
      return Collections.emptyIterator();
    }
    SequenceModel model = replica.get();
    FlatParameters.setValues(model.parameters(), weights.value());
    TaskContext task = TaskContext.get();
    model.reseed(seed * 31 + (task == null ? 0 : task.partitionId()));
    Batch batch = Batch.of(shard.stream().map(IndexedExample::example).toList());
    double value = new BatchGradient(model, loss.get(), truncation).compute(batch);
    double w = BatchGradient.weight(batch);
    int size = FlatParameters.size(model.parameters());
    double[] out = new double[size + 3];
    FlatParameters.addGradients(model.parameters(), w, out);
    out[size] = w * value;
    out[size + 1] = w;
    out[size + 2] = shard.size();
    return List.of(out).iterator();
  }
}
