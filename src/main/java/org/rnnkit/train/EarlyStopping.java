package org.rnnkit.train;

import java.util.List;
import org.rnnkit.nn.Parameter;
import org.rnnkit.train.TrainingListener.EpochEvent;

/**
 * The stopping rule of {@link TrainingConfig#patience()}: from epoch {@code min(minEpochs, epochs)}
 * on, keep the weights of the epoch with the lowest validation loss (an improvement must exceed
 * minDelta), stop after {@code patience} epochs without one, and put the kept weights back at the
 * end. With patience 0 it never stops and keeps nothing. Starts afresh for every run, also when
 * resuming (the best weights are not in a checkpoint).
 *
 * <p>Call order: construct before the first epoch, {@link #stopAfter} after each epoch, {@link
 * #finish} once at the end.
 */
public final class EarlyStopping {
  private final TrainingConfig config;
  private final WeightSnapshot best;
  private final int firstCandidate;
  private EpochEvent bestEpoch;
  private int sinceBest;

  /**
   * @param parameters read now and at each better epoch; modified by {@link #finish}
   */
  public EarlyStopping(List<Parameter> parameters, TrainingConfig config) {
    this.config = config;
    this.best = new WeightSnapshot(parameters);
    // the first epoch whose weights may be restored (the last one if training is shorter)
    this.firstCandidate = Math.min(config.minEpochs(), config.epochs());
    best.capture();
  }

  /**
   * Takes note of an epoch just finished (with the parameters at its weights).
   *
   * @param history Modified: receives the reason when training stops
   * @return true when training should stop now
   */
  public boolean stopAfter(EpochEvent event, History history) {
    if (config.patience() == 0 || event.epoch() < firstCandidate) {
      return false;
    }
    if (bestEpoch == null
        || event.validationLoss() < bestEpoch.validationLoss() - config.minDelta()) {
      bestEpoch = event;
      best.capture();
      sinceBest = 0;
    } else if (++sinceBest >= config.patience()) {
      history.stoppedBecause(
          "early stopping after epoch %d: no better validation loss for %d epochs; restored the weights of epoch %d (validation loss %.6g)"
              .formatted(event.epoch(), sinceBest, bestEpoch.epoch(), bestEpoch.validationLoss()));
      return true;
    }
    return false;
  }

  /**
   * Puts the best epoch's weights back and records it in {@code history}; nothing without early
   * stopping.
   *
   * @param history Modified: its restored epoch
   */
  public void finish(History history) {
    if (config.patience() > 0 && bestEpoch != null) {
      best.restore();
      history.restoredEpoch(bestEpoch.epoch());
    }
  }
}
