package org.rnnkit.text;

import java.util.List;
import org.rnnkit.loss.SoftmaxCrossEntropy;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.optim.Adam;
import org.rnnkit.optim.GradientClipping;
import org.rnnkit.train.TrainingDivergedException;

/**
 * One training update of a {@link CharModel} on one chunk, continuing from the state the previous
 * chunk ended with:
 *
 * <pre>
 *   zero gradients; z = model(x | carried state); L = mean over t, b of CE(z[t][b], y[t][b])
 *   backward through the chunk; ||g|| clipped to c; Adam step; carry the chunk's final state
 * </pre>
 *
 * <p>The model reuses its buffers and the loss writes into one gradient buffer per chunk length, so
 * in steady state an update allocates nothing that grows with T, B, H or V.
 */
public final class ChunkUpdate {
  private final SequenceModel net;
  private final List<Parameter> parameters;
  private final Adam adam;
  private final GradientClipping clip;
  private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
  private final int vocabularySize;
  private Sequence gradient;
  private double lastNorm;

  /**
   * @param model Modified by {@link #apply}: weights and carried state; its buffers are reused from
   *     now on ({@link SequenceModel#reuseBuffers})
   * @param learningRate Adam's (PyTorch defaults otherwise)
   * @param clipNorm the largest global gradient norm
   */
  public ChunkUpdate(CharModel model, double learningRate, double clipNorm) {
    net = model.network();
    net.reuseBuffers(true);
    parameters = net.parameters();
    adam = new Adam(Adam.Config.defaults().withLearningRate(learningRate));
    clip = GradientClipping.byNorm(clipNorm);
    vocabularySize = model.vocabulary().size();
  }

  /**
   * One update.
   *
   * @param input Not modified until the call returns. {@code T x B x 1} symbol indices.
   * @param target Not modified. {@code T x B x 1}: the next character of each input.
   * @return the chunk's mean loss in nats per character, before the update
   * @throws TrainingDivergedException when the loss or the gradient norm is not finite; the weights
   *     are then left as they were
   */
  public double apply(Sequence input, Sequence target) {
    if (gradient == null
        || gradient.steps() != input.steps()
        || gradient.batch() != input.batch()) {
      gradient = new Sequence(input.steps(), input.batch(), vocabularySize);
    }
    net.zeroGrad();
    double nats = loss.evaluate(net.forward(input, true), target, gradient);
    net.backward(gradient);
    lastNorm = clip.apply(parameters);
    if (!Double.isFinite(nats) || !Double.isFinite(lastNorm)) {
      throw new TrainingDivergedException(
          "training diverged: the loss is %s and the gradient norm %s; lower the learning rate (now %s) or the clip norm"
              .formatted(nats, lastNorm, adam.learningRate()));
    }
    adam.step(parameters);
    net.carryState();
    return nats;
  }

  /** The global gradient norm of the latest update, before clipping. */
  public double lastNorm() {
    return lastNorm;
  }

  /** Forgets the carried state, e.g. at the start of an epoch. */
  public void resetState() {
    net.resetState();
  }
}
