package org.rnnkit.train;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened in each epoch of a run: losses, gradient norms before clipping, learning rate. Also
 * a listener, so a trainer fills it as it goes.
 */
public final class History implements TrainingListener {
  private final List<EpochEvent> epochs = new ArrayList<>();
  private String stopReason = "";
  private int restoredEpoch;

  @Override
  public void onEpoch(EpochEvent event) {
    epochs.add(event);
  }

  public List<EpochEvent> epochs() {
    return List.copyOf(epochs);
  }

  /** The last epoch recorded, or null before the first. */
  public EpochEvent last() {
    return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
  }

  /** The epoch with the lowest validation loss (or training loss, without validation). */
  public EpochEvent best() {
    EpochEvent best = null;
    for (EpochEvent e : epochs) {
      if (best == null || score(e) < score(best)) {
        best = e;
      }
    }
    return best;
  }

  private static double score(EpochEvent e) {
    return Double.isNaN(e.validationLoss()) ? e.trainLoss() : e.validationLoss();
  }

  /** Why training ended: empty after all epochs, else e.g. the early-stopping message. */
  public String stopReason() {
    return stopReason;
  }

  void stoppedBecause(String reason) {
    stopReason = reason;
  }

  /**
   * The epoch whose weights the model kept after early stopping (the best validation loss at or
   * after the minimum epochs), or 0 when training kept its last weights.
   */
  public int restoredEpoch() {
    return restoredEpoch;
  }

  void restoredEpoch(int epoch) {
    restoredEpoch = epoch;
  }

  public double[] trainLosses() {
    return epochs.stream().mapToDouble(EpochEvent::trainLoss).toArray();
  }

  public double[] validationLosses() {
    return epochs.stream().mapToDouble(EpochEvent::validationLoss).toArray();
  }
}
