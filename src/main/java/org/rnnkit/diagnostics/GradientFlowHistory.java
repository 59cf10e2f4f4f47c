package org.rnnkit.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.rnnkit.loss.Loss;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingListener;

/**
 * A training listener that measures {@link GradientFlow} on a fixed batch before the first update
 * (epoch 0) and after every epoch, for the first recurrent layer: the rows of a heat map of
 * gradient norm over (epoch x time step).
 *
 * <p>Measuring runs one forward and backward pass between updates and overwrites the parameter
 * gradients, which the trainer zeroes before each update anyway.
 */
public final class GradientFlowHistory implements TrainingListener {
  private final SequenceModel model;
  private final Loss loss;
  private final Sequence input;
  private final Sequence target;
  private final List<Integer> epochs = new ArrayList<>();
  private final List<double[]> norms = new ArrayList<>();

  /**
   * @param model Not modified except for gradients; the model being trained.
   * @param input Not modified. The fixed batch, one length for every sequence.
   * @param target Not modified.
   */
  public GradientFlowHistory(SequenceModel model, Loss loss, Sequence input, Sequence target) {
    this.model = model;
    this.loss = loss;
    this.input = input;
    this.target = target;
  }

  @Override
  public void onStart(TrainingConfig config, int batchesPerEpoch) {
    record(0);
  }

  @Override
  public void onEpoch(EpochEvent event) {
    record(event.epoch());
  }

  private void record(int epoch) {
    epochs.add(epoch);
    norms.add(GradientFlow.measure(model, loss, input, target).get(0).norms());
  }

  /** The epoch of each row: 0 (before training), 1, 2, ... */
  public int[] epochs() {
    return epochs.stream().mapToInt(Integer::intValue).toArray();
  }

  /** {@code ||dL/dh[t]||} per recorded epoch (rows) and step (columns). */
  public double[][] norms() {
    return norms.toArray(new double[0][]);
  }
}
