package org.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.Batch;
import org.rnnkit.data.Example;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.RecurrentStack;

/** The seam of an update: shards of a batch combine by their weights into the batch's gradient. */
class BatchGradientTest {

  private static double[] flatGradient(List<Parameter> parameters) {
    return parameters.stream()
        .flatMapToDouble(p -> java.util.Arrays.stream(p.grad().data, 0, p.size()))
        .toArray();
  }

  @Test
  void shardsOfAPaddedBatchCombineByTheirWeightsIntoTheWholeBatch() {
    Random rng = new Random(5);
    List<Example> data = new ArrayList<>();
    for (int len : new int[] {3, 6, 2, 5, 4}) {
      data.add(new Example(randomSequence(len, 1, 2, rng), randomSequence(len, 1, 1, rng)));
    }
    var model =
        new SequenceModel(
            new RecurrentStack(new RecurrentStack.Config(CellType.GRU, 2, 1), new Random(1)));
    var gradient = new BatchGradient(model, new MeanSquaredError(), 0);
    double whole = gradient.compute(Batch.of(data));
    double[] expected = flatGradient(model.parameters());
    assertEquals(20, BatchGradient.weight(Batch.of(data)));

    double lossSum = 0;
    double weightSum = 0;
    double[] sum = new double[expected.length];
    for (List<Example> shard : List.of(data.subList(0, 2), data.subList(2, 5))) {
      Batch batch = Batch.of(shard);
      double w = BatchGradient.weight(batch);
      lossSum += w * gradient.compute(batch);
      weightSum += w;
      double[] g = flatGradient(model.parameters());
      for (int i = 0; i < g.length; i++) {
        sum[i] += w * g[i];
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= weightSum;
    }
    assertEquals(whole, lossSum / weightSum, 1e-14);
    assertArrayEquals(expected, sum, 1e-14);
  }

  @Test
  void orderedIndicesAreThePermutationTheTrainerAppliesToExamples() {
    var config = TrainingConfig.builder().seed(9).build();
    List<String> items = List.of("a", "b", "c", "d", "e", "f", "g");
    int[] order = BatchOrder.indices(items.size(), config, 3);
    List<String> arranged = BatchOrder.arrange(items, config, 3);
    for (int p = 0; p < order.length; p++) {
      assertEquals(arranged.get(p), items.get(order[p]));
    }
    var online = config.toBuilder().batchMode(BatchMode.ONLINE).build();
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, BatchOrder.indices(7, online, 3));
    assertEquals(3, BatchOrder.batches(7, config.toBuilder().batchSize(3).build()));
  }
}
