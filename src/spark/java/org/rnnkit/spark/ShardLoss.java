package org.rnnkit.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.rnnkit.data.Example;
import org.rnnkit.loss.Loss;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.optim.Sgd;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingConfig;

/**
 * One partition's part of a validation loss in inference mode: its examples in index order
 * evaluated by {@link Trainer#evaluate} (chunks of the batch size, a mean over examples) give
 * {@code [L_s * n_s, n_s]}; the loss is the sum of the first over partitions divided by the sum of
 * the second, what {@code evaluate} gives on the whole set when every example holds as many loss
 * terms.
 */
final class ShardLoss implements FlatMapFunction<Iterator<IndexedExample>, double[]> {
  private static final long serialVersionUID = 1L;

  private final SerializableSupplier<SequenceModel> replica;
  private final SerializableSupplier<Loss> loss;
  private final Broadcast<double[]> weights;
  private final int batchSize;

  /**
   * @param batchSize examples per forward pass, as the training config's
   */
  ShardLoss(
      SerializableSupplier<SequenceModel> replica,
      SerializableSupplier<Loss> loss,
      Broadcast<double[]> weights,
      int batchSize) {
    this.replica = replica;
    this.loss = loss;
    this.weights = weights;
    this.batchSize = batchSize;
  }

  @Override
  public Iterator<double[]> call(Iterator<IndexedExample> examples) {
    List<IndexedExample> data = new ArrayList<>();
    examples.forEachRemaining(data::add);
    if (data.isEmpty()) {
      return List.of(new double[2]).iterator();
    }
    data.sort(Comparator.comparingInt(IndexedExample::index));
    SequenceModel model = replica.get();
    FlatParameters.setValues(model.parameters(), weights.value());
    List<Example> shard = data.stream().map(IndexedExample::example).toList();
    // the optimizer is never used: evaluate takes no step
    double mean =
        new Trainer(
                model,
                loss.get(),
                new Sgd(0),
                TrainingConfig.builder().batchSize(batchSize).build())
            .evaluate(shard);
    return List.of(new double[] {mean * shard.size(), shard.size()}).iterator();
  }
}
