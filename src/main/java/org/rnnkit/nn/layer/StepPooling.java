package org.rnnkit.nn.layer;

import java.util.List;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;

/**
 * What the many-to-one heads {@link LastStep} and {@link MeanOverSteps} share: each turns a {@code
 * T x B x F} sequence into one step per sequence ({@code 1 x B x F}), reading only real steps, and
 * spreads the gradient back over a {@code T x B x F} sequence with the input's lengths, zeros at
 * the steps it did not read. This class keeps the latest input's shape, checks the gradient against
 * it and makes the gradient sequence; the subclass pools and spreads. No parameters.
 */
abstract sealed class StepPooling implements Layer permits LastStep, MeanOverSteps {
  /** How messages call the layer: {@code last-step}, {@code mean-over-steps}. */
  private final String kind;

  private int steps;
  private int batch;
  private int features;
  private int[] lengths;

  StepPooling(String kind) {
    this.kind = kind;
  }

  @Override
  public final Sequence forward(Sequence x, boolean training) {
    steps = x.steps();
    batch = x.batch();
    features = x.features();
    lengths = x.lengths();
    return pool(x);
  }

  @Override
  public final Sequence backward(Sequence dy) {
    if (steps == 0) {
      throw new IllegalStateException("call forward before backward");
    }
    if (dy.steps() != 1 || dy.batch() != batch || dy.features() != features) {
      throw new IllegalArgumentException(
          "%s gradient must be T=1, B=%d, F=%d, got %s"
              .formatted(kind, batch, features, dy.shape()));
    }
    Sequence dx = new Sequence(steps, batch, features).withLengths(lengths);
    spread(dy.values().data, dx);
    return dx;
  }

  @Override
  public final List<Parameter> parameters() {
    return List.of();
  }

  /**
   * The pooled sequence, {@code 1 x B x F}.
   *
   * @param x Not modified.
   */
  abstract Sequence pool(Sequence x);

  /**
   * Writes {@code dL/dx} at the steps {@link #pool} read.
   *
   * @param dy Not modified: {@code dL/dy}, B rows of F.
   * @param dx Modified: zeros with the latest input's shape and lengths.
   */
  abstract void spread(double[] dy, Sequence dx);
}
