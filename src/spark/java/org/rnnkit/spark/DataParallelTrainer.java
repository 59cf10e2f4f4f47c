package org.rnnkit.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.rnnkit.loss.Loss;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.layer.BatchNorm;
import org.rnnkit.optim.Optimizer;
import org.rnnkit.train.BatchOrder;
import org.rnnkit.train.EarlyStopping;
import org.rnnkit.train.History;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingListener;
import org.rnnkit.train.TrainingListener.BatchEvent;
import org.rnnkit.train.TrainingListener.EpochEvent;
import org.rnnkit.train.UpdateStep;

/**
 * Synchronous data-parallel training on Spark: the examples live in the partitions of an RDD, the
 * model and the optimizer on the driver. Per step (one mini-batch):
 *
 * <ol>
 *   <li>the driver broadcasts the weights w (P doubles);
 *   <li>every partition computes the gradient of its shard of the mini-batch with BPTT on a replica
 *       holding w ({@code ShardGradient}): {@code [W_s g_s, W_s L_s, W_s, n_s]};
 *   <li>{@code treeReduce} (Spark's {@code treeAggregate} with an empty zero value, so no P-vector
 *       travels with each task) sums those vectors, combining them on the executors in a tree of
 *       {@link #treeDepth} levels; the driver divides by {@code W = sum W_s}, which gives the
 *       mini-batch's mean loss and gradient exactly up to summation order. That order is not fixed:
 *       the tree's shuffle and the driver's final merge add the vectors in the order their tasks
 *       finish, so the last bits of a sum may vary between runs (fixing it would mean collecting
 *       every partition's P-vector on the driver);
 *   <li>the driver checks, clips and steps ({@link UpdateStep}, as {@link org.rnnkit.train.Trainer}
 *       does).
 * </ol>
 *
 * Weights change only on the driver: a task that fails and is retried recomputes the same shard
 * gradient from the same broadcast, so the model cannot be corrupted by it.
 *
 * <p>The batches are {@link org.rnnkit.train.Trainer}'s: each epoch the driver draws the same
 * permutation of the example indices ({@link BatchOrder}) and broadcasts every example's position
 * in it (N ints); step b takes positions {@code [b k, (b+1) k)} (each partition groups its examples
 * by step once per epoch, cached, so a step reads only its own: O(N) per epoch, not O(N^2 / k)). So
 * the same data (each example at the index a single machine would hold it), seed and config give
 * the weights single-machine training gives, equal up to summation order (which may vary between
 * runs, see step 3), whatever the partitioning; so do the per-epoch events, the validation loss
 * (computed on the executors) and early stopping. Runs are therefore equal to rounding, not bit for
 * bit. One exception: dropout masks are drawn per partition (seeded by epoch, step and partition),
 * so a model with dropout draws the same masks every run but not those of one machine. A model
 * whose state is not all {@link Parameter}s is refused: only parameters travel between driver and
 * replicas, so a {@link BatchNorm}'s running statistics (buffers, updated by each replica's forward
 * pass) would never reach the driver.
 */
public final class DataParallelTrainer {
  private final JavaSparkContext spark;
  private final SequenceModel model;
  private final SerializableSupplier<SequenceModel> replica;
  private final SerializableSupplier<Loss> loss;
  private final Optimizer optimizer;
  private final TrainingConfig config;
  private final List<Parameter> parameters;
  private final UpdateStep step;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private int treeDepth = 2;

  /**
   * @param spark the session's context
   * @param model the driver's model, trained in place; no {@link BatchNorm} (see the class comment)
   * @param replica builds, on an executor, a model of the same structure (its weights are then
   *     overwritten); e.g. the same constructor calls as {@code model}'s
   * @param loss builds the loss on an executor; a mean over its terms, as every rnnkit loss
   * @param optimizer steps on the driver
   */
  public DataParallelTrainer(
      JavaSparkContext spark,
      SequenceModel model,
      SerializableSupplier<SequenceModel> replica,
      SerializableSupplier<Loss> loss,
      Optimizer optimizer,
      TrainingConfig config) {
    for (Layer layer : model.layers()) {
      if (layer instanceof BatchNorm norm) {
        throw new IllegalArgumentException(
            ("layer %s is a batch norm: its running statistics are buffers, not parameters, and"
                    + " data-parallel training sends only parameters back from the replicas; use"
                    + " a layer norm or train on one machine")
                .formatted(norm.name()));
      }
    }
    this.spark = spark;
    this.model = model;
    this.replica = replica;
    this.loss = loss;
    this.optimizer = optimizer;
    this.config = config;
    this.parameters = model.parameters();
    this.step = new UpdateStep(parameters, optimizer, config);
    int size = FlatParameters.size(replica.get().parameters());
    if (size != FlatParameters.size(parameters)) {
      throw new IllegalArgumentException(
          "the replica has %d parameter values, the model %d; build the replica like the model"
              .formatted(size, FlatParameters.size(parameters)));
    }
  }

  /** Adds a listener (called on the driver); returns this trainer. */
  public DataParallelTrainer addListener(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * The depth of the {@code treeReduce} that sums the partitions' gradients (default 2: the
   * partitions' vectors are combined in about sqrt(partitions) groups on the executors before the
   * driver receives them).
   */
  public DataParallelTrainer treeDepth(int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("tree depth must be at least 1, got " + depth);
    }
    this.treeDepth = depth;
    return this;
  }

  /** Trains from epoch 1 on a fixed training set; see {@link #fit(IntFunction, JavaRDD)}. */
  public History fit(JavaRDD<IndexedExample> train, JavaRDD<IndexedExample> validation) {
    return fit(epoch -> train, validation);
  }

  /**
   * Trains with a training set given afresh for each epoch ({@code trainingSetOf.apply(epoch)},
   * 1-based; the same size N every epoch, indices 0 .. N-1 each once), as {@link
   * org.rnnkit.train.Trainer#fit(IntFunction, List, History)}. Each epoch's set, and the validation
   * set, are cached (memory and disk) while used and released after, unless the caller cached them
   * (then left as they are); each epoch's set is checked by one job (its count and the set of its
   * indices).
   *
   * @param validation may be empty; required for early stopping
   */
  public History fit(
      IntFunction<JavaRDD<IndexedExample>> trainingSetOf, JavaRDD<IndexedExample> validation) {
    boolean cachedValidation = cache(validation);
    try {
      boolean validate = !validation.isEmpty();
      if (config.patience() > 0 && !validate) {
        throw new IllegalArgumentException(
            "early stopping (patience %d) needs a validation set; give one or set patience to 0"
                .formatted(config.patience()));
      }
      History history = new History();
      JavaRDD<IndexedExample> train = trainingSetOf.apply(1);
      boolean cachedTrain = cache(train);
      try {
        int n = size(train, 1);
        int batches = BatchOrder.batches(n, config);
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(0, history);
        all.forEach(l -> l.onStart(config, batches));
        EarlyStopping stopping = new EarlyStopping(parameters, config);
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
          if (epoch > 1) {
            JavaRDD<IndexedExample> next = trainingSetOf.apply(epoch);
            if (next != train) {
              if (cachedTrain) {
                train.unpersist(false);
              }
              train = next;
              cachedTrain = cache(train);
            }
            int size = size(train, epoch);
            if (size != n) {
              throw new IllegalArgumentException(
                  "epoch %d's training set has %d examples, epoch 1's %d; give the same number every epoch"
                      .formatted(epoch, size, n));
            }
          }
          EpochEvent event = runEpoch(epoch, train, n, batches, validate ? validation : null, all);
          for (TrainingListener l : all) {
            l.onEpoch(event);
          }
          if (stopping.stopAfter(event, history)) {
            break;
          }
        }
        stopping.finish(history);
        all.forEach(l -> l.onEnd(history));
        return history;
      } finally {
        if (cachedTrain) {
          train.unpersist(false);
        }
      }
    } finally {
      if (cachedValidation) {
        validation.unpersist(false);
      }
    }
  }

  /**
   * Caches {@code data} (memory, spilling to disk what does not fit) unless its owner gave it a
   * storage level; returns whether it did, i.e. whether {@link #fit} must release it.
   */
  private static boolean cache(JavaRDD<IndexedExample> data) {
    if (!data.getStorageLevel().equals(StorageLevel.NONE())) {
      return false;
    }
    data.persist(StorageLevel.MEMORY_AND_DISK());
    return true;
  }

  /**
   * The loss on {@code data} in inference mode, computed on the executors, averaged over examples
   * as {@link org.rnnkit.train.Trainer#evaluate}.
   */
  public double evaluate(JavaRDD<IndexedExample> data) {
    Broadcast<double[]> weights = spark.broadcast(FlatParameters.values(parameters));
    try {
      double[] sum =
          data.mapPartitions(new ShardLoss(replica, loss, weights, config.batchSize()))
              .treeReduce(DataParallelTrainer::addEquals, treeDepth);
      if (sum[1] == 0) {
        throw new IllegalArgumentException("cannot evaluate on an empty set");
      }
      return sum[0] / sum[1];
    } finally {
      weights.destroy();
    }
  }

  private EpochEvent runEpoch(
      int epoch,
      JavaRDD<IndexedExample> train,
      int n,
      int batches,
      JavaRDD<IndexedExample> validation,
      List<TrainingListener> all) {
    int perUpdate = config.examplesPerUpdate(n);
    Broadcast<int[]> positions = spark.broadcast(positions(BatchOrder.indices(n, config, epoch)));
    // each partition's examples grouped by step once, so that a step reads only its own
    JavaRDD<IndexedExample[][]> bySteps =
        train
            .mapPartitions(ShardGradient.bySteps(positions, perUpdate, batches))
            .persist(StorageLevel.MEMORY_AND_DISK());
    double lossSum = 0;
    double normSum = 0;
    double normMax = 0;
    try {
      for (int b = 0; b < batches; b++) {
        int from = b * perUpdate;
        int to = Math.min(n, from + perUpdate);
        double[] lossAndNorm = update(bySteps, epoch, b + 1, to - from);
        lossSum += lossAndNorm[0] * (to - from);
        normSum += lossAndNorm[1];
        normMax = Math.max(normMax, lossAndNorm[1]);
        BatchEvent event =
            new BatchEvent(
                epoch,
                b + 1,
                batches,
                to - from,
                lossAndNorm[0],
                lossAndNorm[1],
                optimizer.learningRate());
        for (TrainingListener l : all) {
          l.onBatch(event);
        }
      }
    } finally {
      bySteps.unpersist(false);
      positions.destroy();
    }
    double validationLoss = validation == null ? Double.NaN : evaluate(validation);
    return new EpochEvent(
        epoch,
        config.epochs(),
        lossSum / n,
        validationLoss,
        normSum / batches,
        normMax,
        optimizer.learningRate(),
        batches);
  }

  /** One synchronous step of {@code examples} examples; returns {loss, gradient norm}. */
  private double[] update(JavaRDD<IndexedExample[][]> bySteps, int epoch, int batch, int examples) {
    int size = FlatParameters.size(parameters);
    Broadcast<double[]> weights = spark.broadcast(FlatParameters.values(parameters));
    double[] sum;
    // treeReduce is treeAggregate with an empty zero: no P-vector shipped with every task
    try {
      long seed = BatchOrder.epochSeed(config.seed(), epoch) * 1_000_003L + batch;
      sum =
          bySteps
              .mapPartitions(
                  new ShardGradient(replica, loss, config.truncation(), seed, weights, batch - 1))
              .treeReduce(DataParallelTrainer::addEquals, treeDepth);
    } finally {
      weights.destroy();
    }
    if (sum[size + 2] != examples) {
      throw new IllegalStateException(
          "step %d of epoch %d summed the gradients of %d examples, expected %d; the training set's indices must be 0 .. N-1, each once"
              .formatted(batch, epoch, (long) sum[size + 2], examples));
    }
    double weight = sum[size + 1];
    double value = sum[size] / weight;
    FlatParameters.setGradients(parameters, sum, weight);
    double norm = step.apply(value, epoch, batch);
    return new double[] {value, norm};
  }

  /** Checks that an epoch's training set holds the indices 0 .. N-1; returns N. */
  private static int size(JavaRDD<IndexedExample> train, int epoch) {
    // count and the set of indices: exact, where count, min, max and sum let {0,0,3,3} pass
    Indices indices = train.treeAggregate(new Indices(), Indices::add, Indices::merge, 2);
    long n = indices.count;
    if (n == 0) {
      throw new IllegalArgumentException("the training set is empty; give at least one example");
    }
    if (n > Integer.MAX_VALUE || indices.seen.cardinality() != n || indices.seen.length() != n) {
      throw new IllegalArgumentException(
          "epoch %d's training set of %d examples does not hold the indices 0 .. %d each once (%d distinct, largest %d)"
              .formatted(epoch, n, n - 1, indices.seen.cardinality(), indices.seen.length() - 1));
    }
    return (int) n;
  }

  /** A training set's indices: how many examples, and which indices (one bit each). */
  private static final class Indices implements Serializable {
    private static final long serialVersionUID = 1L;
    private long count;
    private final BitSet seen = new BitSet();

    /** Adds an example; returns this (Spark lets an aggregation modify its first argument). */
    Indices add(IndexedExample e) {
      count++;
      seen.set(e.index());
      return this;
    }

    /** Adds another partition's indices; returns this. */
    Indices merge(Indices other) {
      count += other.count;
      seen.or(other.seen);
      return this;
    }
  }

  /** {@code positions[order[p]] = p}: where each example comes in the epoch's order. */
  private static int[] positions(int[] order) {
    int[] positions = new int[order.length];
    for (int p = 0; p < order.length; p++) {
      positions[order[p]] = p;
    }
    return positions;
  }

  /** a += b; returns a (Spark lets an aggregation modify its first argument). */
  private static double[] addEquals(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }
}
