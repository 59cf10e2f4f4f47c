package org.rnnkit.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnkit.data.Batch;
import org.rnnkit.data.Example;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;

/**
 * A model's metrics on a data set, computed from {@link SequenceModel#predict} (inference mode, no
 * gradients), batch by batch, as Keras's {@code evaluate}:
 *
 * <pre>{@code
 * Evaluation e = Evaluation.of(model, x, y, Metric.accuracy(), Metric.topKAccuracy(3));
 * e.value("accuracy");          // e.g. 0.93
 * e.classCounts().support(2);   // rows of class 2 (classifiers only)
 * System.out.println(e);        // accuracy 0.9300, top3_accuracy 0.9900
 * }</pre>
 *
 * For a classifier (a target of one class index per row and a prediction of at least two outputs)
 * the per-class counts are always kept. Padded steps count nowhere.
 */
public final class Evaluation {
  private final Map<String, Double> values;
  private final ClassCounts classCounts;

  private Evaluation(Map<String, Double> values, ClassCounts classCounts) {
    this.values = Collections.unmodifiableMap(values);
    this.classCounts = classCounts;
  }

  /**
   * Evaluates the model on one batch.
   *
   * @param x Not modified. {@code T x B x I}.
   * @param target Not modified. Class indices or values, as the metrics need.
   */
  public static Evaluation of(SequenceModel model, Sequence x, Sequence target, Metric... metrics) {
    return of(model, List.of(new Batch(x, target)), metrics);
  }

  /**
   * Evaluates the model on examples, {@code batchSize} at a time (padded as {@link Batch#of}).
   *
   * @param data Not modified. At least one example.
   */
  public static Evaluation of(
      SequenceModel model, List<Example> data, int batchSize, Metric... metrics) {
    if (data.isEmpty() || batchSize < 1) {
      throw new IllegalArgumentException(
          "evaluation needs at least one example and a batch size of at least 1, got %d and %d"
              .formatted(data.size(), batchSize));
    }
    List<Batch> batches =
        java.util.stream.IntStream.iterate(0, from -> from < data.size(), from -> from + batchSize)
            .mapToObj(from -> Batch.of(data.subList(from, Math.min(data.size(), from + batchSize))))
            .toList();
    return of(model, batches, metrics);
  }

  private static Evaluation of(SequenceModel model, List<Batch> batches, Metric... metrics) {
    Metric.Tally[] tallies = new Metric.Tally[metrics.length];
    java.util.Arrays.fill(tallies, Metric.Tally.EMPTY);
    ClassCounts counts = null;
    for (Batch batch : batches) {
      Sequence prediction = model.predict(batch.input());
      for (int i = 0; i < metrics.length; i++) {
        tallies[i] = tallies[i].plus(metrics[i].tally(prediction, batch.target()));
      }
      if (isClassification(prediction, batch.target())) {
        if (counts == null) {
          counts = ClassCounts.of(prediction, batch.target());
        } else {
          counts.add(prediction, batch.target());
        }
      }
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < metrics.length; i++) {
      if (values.put(metrics[i].name(), tallies[i].mean()) != null) {
        throw new IllegalArgumentException(
            "metric %s is asked for twice; give each once".formatted(metrics[i].name()));
      }
    }
    return new Evaluation(values, counts);
  }

  private static boolean isClassification(Sequence prediction, Sequence target) {
    return target.features() == 1
        && prediction.features() >= 2
        && target.steps() == prediction.steps()
        && target.batch() == prediction.batch();
  }

  /** Every metric's value by name, in the order asked. */
  public Map<String, Double> values() {
    return values;
  }

  /** The value of the metric called {@code name}; fails naming the metrics computed. */
  public double value(String name) {
    Double v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "no metric %s was computed; this evaluation has %s".formatted(name, values.keySet()));
    }
    return v;
  }

  /** The per-class counts; fails when the model is not a classifier. */
  public ClassCounts classCounts() {
    if (classCounts == null) {
      throw new IllegalStateException(
          "per-class counts need a classifier: targets of one class index per row and a"
              + " prediction with one output per class");
    }
    return classCounts;
  }

  /** {@code accuracy 0.9300, mse 0.0123}: each metric with four significant digits. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    values.forEach(
        (k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append(' ').append(format(v)));
    return s.toString();
  }

  /** A metric value with four significant digits. */
  static String format(double v) {
    return "%.4g".formatted(v);
  }
}
