package org.rnnkit.train;

import java.io.PrintStream;
import java.util.List;
import org.rnnkit.data.Example;
import org.rnnkit.metrics.Evaluation;
import org.rnnkit.metrics.Metric;
import org.rnnkit.nn.SequenceModel;

/**
 * A listener that writes one line per epoch to a stream the caller gives, as Keras's {@code fit}:
 *
 * <pre>
 * epoch 3/20 - loss 0.1234 - val_loss 0.2345 - val_accuracy 0.9000 - 0.4s
 * </pre>
 *
 * The validation loss is the trainer's; validation metrics, when asked for, are computed by {@link
 * Evaluation} on the validation examples after each epoch (inference mode, no gradients). The time
 * is the wall-clock time since the previous line (or since training started), validation included.
 *
 * <pre>{@code
 * trainer.addListener(EpochLogger.to(System.out).withMetrics(model, validation, Metric.accuracy()));
 * }</pre>
 *
 * Like {@link Checkpoint#every}, this listener does I/O on the caller's behalf; the trainer itself
 * never prints.
 */
public final class EpochLogger implements TrainingListener {
  /** Validation examples per forward pass when computing metrics. */
  private static final int METRIC_BATCH = 256;

  private final PrintStream out;
  private final SequenceModel model;
  private final List<Example> validation;
  private final Metric[] metrics;
  private long last;

  private EpochLogger(
      PrintStream out, SequenceModel model, List<Example> validation, Metric[] metrics) {
    this.out = out;
    this.model = model;
    this.validation = validation;
    this.metrics = metrics;
  }

  /**
   * A logger of losses and times.
   *
   * @param out Not closed; receives one line per epoch.
   */
  public static EpochLogger to(PrintStream out) {
    if (out == null) {
      throw new IllegalArgumentException("the epoch logger needs a stream, e.g. System.out");
    }
    return new EpochLogger(out, null, List.of(), new Metric[0]);
  }

  /**
   * This logger, also printing {@code metrics} on {@code validation} after each epoch as {@code
   * val_<name>}.
   *
   * @param model Not modified. The model the trainer trains.
   * @param validation Not modified. At least one example.
   */
  public EpochLogger withMetrics(SequenceModel model, List<Example> validation, Metric... metrics) {
    if (model == null || validation.isEmpty()) {
      throw new IllegalArgumentException(
          "validation metrics need the model and at least one validation example");
    }
    return new EpochLogger(out, model, List.copyOf(validation), metrics.clone());
  }

  @Override
  public void onStart(TrainingConfig config, int batchesPerEpoch) {
    last = System.nanoTime();
  }

  @Override
  public void onEpoch(EpochEvent e) {
    StringBuilder line =
        new StringBuilder(
            "epoch %d/%d - loss %s".formatted(e.epoch(), e.epochs(), g(e.trainLoss())));
    if (!Double.isNaN(e.validationLoss())) {
      line.append(" - val_loss ").append(g(e.validationLoss()));
    }
    if (metrics.length > 0) {
      int batchSize = Math.min(validation.size(), METRIC_BATCH);
      Evaluation.of(model, validation, batchSize, metrics)
          .values()
          .forEach((name, v) -> line.append(" - val_").append(name).append(' ').append(g(v)));
    }
    long now = System.nanoTime();
    line.append(" - %.1fs".formatted((now - last) / 1e9));
    last = now;
    out.println(line);
  }

  private static String g(double v) {
    return "%.4g".formatted(v);
  }
}
