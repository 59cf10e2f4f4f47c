package org.rnnkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.Example;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.BatchNorm;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.LastStep;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.optim.Adam;
import org.rnnkit.train.BatchMode;
import org.rnnkit.train.History;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingListener.EpochEvent;

/**
 * Data-parallel training gives single-machine training's weights, losses and early stopping.
 *
 * <p>Tolerance 1e-12 (absolute, on weights of order 0.1-1 and losses of order 0.1): the two sides
 * compute the same sums in another order (a shard's gradient is summed over fewer examples, then
 * the shards are added; the loss likewise), which moves each step's gradient by a few ulps; over
 * the 12 Adam steps here that stays below 1e-14 (measured: largest difference a few 1e-16), while
 * losing a shard's gradient or misplacing one example moves weights by 1e-3 or more.
 */
class DataParallelTrainerTest {
  private static final double TOLERANCE = 1e-12;
  private static final AtomicBoolean FAIL_ONCE = new AtomicBoolean();
  private static JavaSparkContext spark;

  @BeforeAll
  static void start() {
    // two attempts per task, so that a failure injected once is retried
    spark = SharedSpark.context();
  }

  /** Many-to-one regression: a weighted sum of a short random sequence. */
  private static List<Example> task(int n, int steps, long seed) {
    Random rng = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[][] x = new double[steps][1];
      double y = 0;
      for (int t = 0; t < steps; t++) {
        x[t][0] = rng.nextDouble() * 2 - 1;
        y += (t + 1) * x[t][0] / steps;
      }
      out.add(Example.of(x, new double[][] {{y}}));
    }
    return out;
  }

  private static SequenceModel network(long seed) {
    Random rng = new Random(seed);
    return new SequenceModel(
        new RecurrentStack(new RecurrentStack.Config(CellType.GRU, 1, 4), rng),
        new LastStep(),
        new Dense("head", 4, 1, Activation.IDENTITY, rng));
  }

  private static TrainingConfig config() {
    return TrainingConfig.builder()
        .epochs(3)
        .batchMode(BatchMode.MINI_BATCH)
        .batchSize(10)
        .seed(3)
        .clipNorm(0.5)
        .patience(2)
        .build();
  }

  private static Adam adam() {
    return new Adam(Adam.Config.defaults().withLearningRate(0.03));
  }

  private static JavaRDD<IndexedExample> rdd(List<Example> data, int partitions) {
    List<IndexedExample> indexed = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      indexed.add(IndexedExample.of(i, data.get(i)));
    }
    return spark.parallelize(indexed, partitions);
  }

  private static double[] weights(SequenceModel model) {
    return FlatParameters.values(model.parameters());
  }

  private static void assertSameRun(
      SequenceModel expected, History expectedHistory, SequenceModel actual, History history) {
    double[] a = weights(expected);
    double[] b = weights(actual);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], TOLERANCE, "weight " + i);
    }
    List<EpochEvent> x = expectedHistory.epochs();
    List<EpochEvent> y = history.epochs();
    assertEquals(x.size(), y.size());
    for (int e = 0; e < x.size(); e++) {
      assertEquals(x.get(e).trainLoss(), y.get(e).trainLoss(), TOLERANCE, "train loss " + e);
      assertEquals(
          x.get(e).validationLoss(), y.get(e).validationLoss(), TOLERANCE, "validation " + e);
      assertEquals(x.get(e).gradientNorm(), y.get(e).gradientNorm(), TOLERANCE, "norm " + e);
    }
    assertEquals(expectedHistory.restoredEpoch(), history.restoredEpoch());
    assertEquals(expectedHistory.stopReason(), history.stopReason());
  }

  @Test
  void threeUnevenPartitionsTrainTheWeightsOfOneMachine() {
    List<Example> train = task(37, 5, 1);
    List<Example> validation = task(11, 5, 2);
    SequenceModel single = network(7);
    double[] initial = weights(single);
    History expected =
        new Trainer(single, new MeanSquaredError(), adam(), config()).fit(train, validation);

    SequenceModel driver = network(7);
    History history =
        new DataParallelTrainer(
                spark, driver, () -> network(7), MeanSquaredError::new, adam(), config())
            .fit(rdd(train, 3), rdd(validation, 2));

    assertSameRun(single, expected, driver, history);
    // the comparison is not of two untrained models
    double moved = 0;
    for (int i = 0; i < initial.length; i++) {
      moved = Math.max(moved, Math.abs(initial[i] - weights(single)[i]));
    }
    assertTrue(moved > 1e-2, "weights moved by " + moved);
  }

  @Test
  void aTaskThatFailsOnceIsRetriedWithoutChangingTheResult() {
    List<Example> train = task(20, 4, 3);
    TrainingConfig config = config().toBuilder().epochs(1).patience(0).build();
    SequenceModel single = network(8);
    History expected =
        new Trainer(single, new MeanSquaredError(), adam(), config).fit(train, List.of());

    FAIL_ONCE.set(true);
    SequenceModel driver = network(8);
    History history =
        new DataParallelTrainer(
                spark,
                driver,
                () -> {
                  TaskContext task = TaskContext.get();
                  if (task != null && task.partitionId() == 1 && FAIL_ONCE.getAndSet(false)) {
                    throw new IllegalStateException("injected failure of a task");
                  }
                  return network(8);
                },
                MeanSquaredError::new,
                adam(),
                config)
            .fit(rdd(train, 2), spark.emptyRDD());

    assertFalse(FAIL_ONCE.get(), "the failure was injected");
    assertSameRun(single, expected, driver, history);
  }

  @Test
  void aTrainingSetWithoutEveryIndexOnceIsRefused() {
    // {1,1,1,1} fails on count, min and max; {0,0,3,3} has the count, min, max and sum of 0..3
    for (int[] indices : new int[][] {{1, 1, 1, 1}, {0, 0, 3, 3}}) {
      List<Example> data = task(4, 3, 5);
      List<IndexedExample> wrong = new ArrayList<>();
      for (int i = 0; i < indices.length; i++) {
        wrong.add(IndexedExample.of(indices[i], data.get(i)));
      }
      var trainer =
          new DataParallelTrainer(
              spark,
              network(1),
              () -> network(1),
              MeanSquaredError::new,
              adam(),
              config().toBuilder().patience(0).build());
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> trainer.fit(spark.parallelize(wrong, 2), spark.emptyRDD()));
      assertTrue(
          e.getMessage().contains("does not hold the indices 0 .. 3 each once"), e.getMessage());
    }
  }

  @Test
  void aModelWithBatchNormIsRefused() {
    Random rng = new Random(1);
    SequenceModel model =
        new SequenceModel(
            new RecurrentStack(new RecurrentStack.Config(CellType.GRU, 1, 4), rng),
            new LastStep(),
            new BatchNorm("norm", 4),
            new Dense("head", 4, 1, Activation.IDENTITY, rng));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DataParallelTrainer(
                    spark, model, () -> model, MeanSquaredError::new, adam(), config()));
    assertTrue(e.getMessage().startsWith("layer norm is a batch norm"), e.getMessage());
  }

  @Test
  void theCallersCacheIsKeptAndAnUncachedSetIsLeftUncached() {
    JavaRDD<IndexedExample> train = rdd(task(12, 3, 6), 2).persist(StorageLevel.DISK_ONLY());
    JavaRDD<IndexedExample> validation = rdd(task(4, 3, 7), 2);
    new DataParallelTrainer(
            spark,
            network(2),
            () -> network(2),
            MeanSquaredError::new,
            adam(),
            config().toBuilder().epochs(1).build())
        .fit(train, validation);
    assertEquals(StorageLevel.DISK_ONLY(), train.getStorageLevel());
    assertEquals(StorageLevel.NONE(), validation.getStorageLevel());
    train.unpersist(false);
  }
}
