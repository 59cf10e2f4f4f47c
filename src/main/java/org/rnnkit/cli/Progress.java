package org.rnnkit.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.rnnkit.train.History;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingListener;

/**
 * A progress bar over training, drawn on the command's error stream (so the printed results stay
 * clean on standard output), showing the count done, the latest loss and the time left. It counts
 * either updates ({@link #perBatch}) or epochs of one or more runs that may train on several
 * threads at once ({@link #perEpoch}; a run that stops early counts its skipped epochs as done).
 * Close it when training ends, also on failure.
 */
final class Progress implements TrainingListener, AutoCloseable {
  private final ProgressBar bar;
  private final boolean epochs;
  private final int epochsPerRun;
  private boolean closed;

  private Progress(PrintWriter err, String task, long total, boolean epochs, int epochsPerRun) {
    this(err, task, total, epochs, epochsPerRun, null);
  }

  private Progress(
      PrintWriter err, String task, long total, boolean epochs, int epochsPerRun, String unit) {
    this.epochs = epochs;
    this.epochsPerRun = epochsPerRun;
    ProgressBarBuilder builder = new ProgressBarBuilder();
    if (unit != null) {
      builder.showSpeed().setUnit(" " + unit, 1);
    }
    bar =
        builder
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .setConsumer(
                new DelegatingProgressBarConsumer(
                    line -> {
                      err.print('\r' + line);
                      err.flush();
                    },
                    100))
            .build();
  }

  /**
   * @param err Not closed; the bar redraws its line here.
   * @param updates the number of updates the run will make
   */
  static Progress perBatch(PrintWriter err, String task, long updates) {
    return new Progress(err, task, updates, false, 0);
  }

  /**
   * @param err Not closed; the bar redraws its line here.
   * @param runs how many training runs report to this bar
   * @param epochsPerRun the most epochs of each run
   */
  static Progress perEpoch(PrintWriter err, String task, int runs, int epochsPerRun) {
    return new Progress(err, task, (long) runs * epochsPerRun, true, epochsPerRun);
  }

  /**
   * A bar over items (series, files) with their rate: move it with {@link #step}.
   *
   * @param err Not closed; the bar redraws its line here.
   * @param unit what an item is, for the rate ("series" gives "series/s")
   */
  static Progress perItem(PrintWriter err, String task, long items, String unit) {
    return new Progress(err, task, items, false, 0, unit);
  }

  /** Moves the bar one item on; safe from several threads. */
  synchronized void step() {
    bar.step();
  }

  /**
   * A bar over a fraction of a budget (e.g. of an epoch count or a time limit, whichever ends
   * first), drawn in thousandths; move it with {@link #show}.
   */
  static Progress perMille(PrintWriter err, String task) {
    return new Progress(err, task, 1000, false, 0);
  }

  /** Moves the bar to {@code fraction} of its budget, showing {@code message} after it. */
  void show(double fraction, String message) {
    bar.stepTo(Math.round(1000 * Math.min(1, fraction)));
    bar.setExtraMessage(message);
  }

  @Override
  public void onStart(TrainingConfig config, int batchesPerEpoch) {}

  @Override
  public void onBatch(BatchEvent event) {
    if (!epochs) {
      bar.step();
      bar.setExtraMessage(" loss %.4g".formatted(event.loss()));
    }
  }

  @Override
  public void onEpoch(EpochEvent e) {
    if (epochs) {
      bar.step();
      bar.setExtraMessage(
          Double.isNaN(e.validationLoss())
              ? " loss %.4g".formatted(e.trainLoss())
              : " loss %.4g, val %.4g".formatted(e.trainLoss(), e.validationLoss()));
    }
  }

  @Override
  public void onEnd(History history) {
    if (epochs) {
      bar.stepBy(epochsPerRun - history.epochs().size());
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      bar.close();
    }
  }
}
