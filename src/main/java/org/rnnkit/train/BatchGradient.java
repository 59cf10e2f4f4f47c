package org.rnnkit.train;

import java.util.List;
import org.rnnkit.data.Batch;
import org.rnnkit.loss.Loss;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;

/**
 * The first half of an update: the gradient of one batch's loss, left in every parameter's {@link
 * Parameter#grad()} without stepping ({@link UpdateStep} is the second half). {@link Trainer} uses
 * it for every update; a data-parallel trainer computes it on each shard of a mini-batch and
 * combines the shards on the driver.
 *
 * <p>The loss is a mean over its terms (MSE over every real target element, cross-entropy over
 * every real step), so shards of one batch combine exactly by their {@link #weight}s: with W_s the
 * number of loss terms of shard s,
 *
 * <pre>
 *   L = sum_s W_s L_s / sum_s W_s,     dL/dw = sum_s W_s dL_s/dw / sum_s W_s
 * </pre>
 *
 * <p>With truncation k shorter than the batch, the loss is the same mean over all steps, but
 * gradients flow back only within each chunk of k steps (the state is carried across chunks as a
 * constant).
 */
public final class BatchGradient {
  private final SequenceModel model;
  private final Loss loss;
  private final int truncation;
  private boolean reuseBuffers = true;

  /**
   * @param model Modified by {@link #compute}: its gradients and (during the pass) its state
   * @param loss a mean over its terms
   * @param truncation chunk length of truncated BPTT; 0 for full BPTT
   */
  public BatchGradient(SequenceModel model, Loss loss, int truncation) {
    if (truncation < 0) {
      throw new IllegalArgumentException(
          "truncation must be 0 (full BPTT) or a chunk length, got " + truncation);
    }
    this.model = model;
    this.loss = loss;
    this.truncation = truncation;
  }

  /**
   * Zeroes every gradient, then forward and backward on {@code batch}: afterwards each parameter's
   * gradient is {@code dL/dw} of the batch's mean loss L.
   *
   * @param batch Not modified.
   * @return L, the batch's mean loss
   */
  public double compute(Batch batch) {
    model.zeroGrad();
    return accumulate(batch);
  }

  /**
   * Forward and backward on one batch, adding {@code dL/dw} to every parameter's gradient; returns
   * L. The layers reuse their buffers meanwhile ({@link SequenceModel#reuseBuffers}) and stop when
   * it returns, so a caller's later forward again returns sequences of its own.
   */
  public double accumulate(Batch batch) {
    model.reuseBuffers(reuseBuffers);
    try {
      return forwardAndBackward(batch);
    } finally {
      model.reuseBuffers(false);
    }
  }

  /**
   * The number of loss terms of a batch's mean in units of target rows: the real (unpadded) steps
   * of every target sequence, {@code sum_b length(b)} (B for many-to-one targets). Shards weighted
   * by it combine into the whole batch's mean whenever every target row holds the same number of
   * loss terms (always for MSE and cross-entropy) and the prediction is padded like the target.
   */
  public static double weight(Batch batch) {
    Sequence target = batch.target();
    if (target.lengths() == null) {
      return (double) target.steps() * target.batch();
    }
    double rows = 0;
    for (int b = 0; b < target.batch(); b++) {
      rows += target.length(b);
    }
    return rows;
  }

  /** The model's parameters, whose gradients {@link #compute} writes. */
  public List<Parameter> parameters() {
    return model.parameters();
  }

  /** Whether the passes use the layers' own buffers (default true); no number changes. */
  void reuseBuffers(boolean reuse) {
    this.reuseBuffers = reuse;
  }

  private double forwardAndBackward(Batch batch) {
    Sequence input = batch.input();
    Sequence target = batch.target();
    int steps = input.steps();
    int k = truncation;
    model.resetState();
    if (k == 0 || k >= steps) {
      Loss.Evaluation e = loss.evaluate(model.forward(input, true), target);
      model.backward(e.gradient());
      return e.value();
    }
    if (input.lengths() != null) {
      throw new IllegalArgumentException(
          "truncated BPTT needs sequences of one length; this batch is padded. Group examples by length or set truncation to 0");
    }
    boolean perStep = target.steps() == steps;
    double total = 0;
    for (int from = 0; from < steps; from += k) {
      int n = Math.min(k, steps - from);
      Sequence output = model.forward(input.stepSlice(from, n), true);
      if (perStep) {
        // this chunk's share of the mean over all steps
        double weight = (double) n / steps;
        Loss.Evaluation e = loss.evaluate(output, target.stepSlice(from, n));
        model.backward(scaled(e.gradient(), weight));
        total += weight * e.value();
      } else if (from + n == steps) {
        Loss.Evaluation e = loss.evaluate(output, target);
        model.backward(e.gradient());
        total = e.value();
      }
      model.carryState();
    }
    model.resetState();
    return total;
  }

  private static Sequence scaled(Sequence s, double factor) {
    for (int i = 0; i < s.values().getNumElements(); i++) {
      s.values().data[i] *= factor;
    }
    return s;
  }
}
