package org.rnnkit.train;

import org.rnnkit.optim.EpochSchedule;
import org.rnnkit.optim.ReduceLROnPlateau;

/** Learning-rate schedules driven by the trainer's epoch events. */
public final class Schedules {
  private Schedules() {}

  /** Steps an epoch schedule (step, exponential, cosine) after every epoch. */
  public static TrainingListener everyEpoch(EpochSchedule schedule) {
    return new TrainingListener() {
      @Override
      public void onEpoch(EpochEvent event) {
        schedule.step();
      }
    };
  }

  /**
   * Steps reduce-on-plateau with the epoch's validation loss, or its training loss when there is no
   * validation set.
   */
  public static TrainingListener onPlateau(ReduceLROnPlateau schedule) {
    return new TrainingListener() {
      @Override
      public void onEpoch(EpochEvent event) {
        double metric =
            Double.isNaN(event.validationLoss()) ? event.trainLoss() : event.validationLoss();
        schedule.step(metric);
      }
    };
  }
}
