package org.rnnkit.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.rnnkit.train.History;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingListener;

/**
 * A console progress bar over the epochs of one or more training runs (e.g. ensemble members, which
 * may train on several threads at once): it shows epochs done, the latest loss and the estimated
 * time left. A run that stops early counts its skipped epochs as done.
 */
final class EpochProgress implements TrainingListener, AutoCloseable {
  private final ProgressBar bar;
  private final int epochsPerRun;

  EpochProgress(String task, int runs, int epochsPerRun) {
    this.epochsPerRun = epochsPerRun;
    this.bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax((long) runs * epochsPerRun)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250)
            .setMaxRenderedLength(100)
            .build();
  }

  @Override
  public void onEpoch(EpochEvent e) {
    bar.step();
    bar.setExtraMessage(
        Double.isNaN(e.validationLoss())
            ? " loss %.4g".formatted(e.trainLoss())
            : " loss %.4g, val %.4g".formatted(e.trainLoss(), e.validationLoss()));
  }

  @Override
  public void onEnd(History history) {
    bar.stepBy(epochsPerRun - history.epochs().size());
  }

  @Override
  public void onStart(TrainingConfig config, int batchesPerEpoch) {}

  @Override
  public void close() {
    bar.close();
  }
}
