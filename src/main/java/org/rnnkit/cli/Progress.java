package org.rnnkit.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingListener;

/**
 * A progress bar over the updates of one training run, drawn on the command's error stream (so the
 * printed results stay clean on standard output). Close it when the run ends, also on failure.
 */
final class Progress implements TrainingListener, AutoCloseable {
  private final ProgressBar bar;

  /**
   * @param err Not closed; the bar redraws its line here.
   * @param task the bar's label
   * @param updates the number of updates the run will make
   */
  Progress(PrintWriter err, String task, long updates) {
    bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(updates)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(500)
            .setConsumer(
                new DelegatingProgressBarConsumer(
                    line -> {
                      err.print('\r' + line);
                      err.flush();
                    },
                    100))
            .build();
  }

  @Override
  public void onStart(TrainingConfig config, int batchesPerEpoch) {}

  @Override
  public void onBatch(BatchEvent event) {
    bar.step();
    bar.setExtraMessage(" loss %.4g".formatted(event.loss()));
  }

  @Override
  public void close() {
    bar.close();
  }
}
