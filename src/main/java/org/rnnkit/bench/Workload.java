package org.rnnkit.bench;

import java.util.List;
import java.util.Random;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.optim.Adam;

/**
 * One training step and one inference pass of the model the PyTorch comparison times: a one-layer
 * recurrent network (I inputs, H hidden) with a linear head (H to 1) at every step, on N(0, 1)
 * inputs and targets, PyTorch's default initialisation, float64.
 *
 * <pre>
 *   training step:  zero gradients; y = head(rnn(x)) at every step; L = MSE(y, target);
 *                   backward through every step (BPTT); Adam (PyTorch defaults)
 *   inference:      y = head(rnn(x)), no gradients kept for later
 * </pre>
 *
 * <p>The model reuses its buffers ({@link SequenceModel#reuseBuffers}) and the loss writes into one
 * gradient buffer, so a step allocates nothing that grows with T, B or H once warm.
 */
public final class Workload {
  private final CellType cell;
  private final Shape shape;
  private final SequenceModel model;
  private final List<Parameter> parameters;
  private final Adam adam = new Adam();
  private final MeanSquaredError mse = new MeanSquaredError();
  private final Sequence input;
  private final Sequence target;
  private final Sequence outputGradient;
  private double lastLoss;

  /**
   * @param cell the recurrent cell ({@link CellType#RNN_TANH} for "rnn")
   * @param shape the sizes
   * @param seed seeds the weights and the data
   */
  public Workload(CellType cell, Shape shape, long seed) {
    this.cell = cell;
    this.shape = shape;
    Random rng = new Random(seed);
    var rnn =
        new RecurrentStack(
            new RecurrentStack.Config(cell, shape.inputSize(), shape.hiddenSize()), rng);
    model =
        new SequenceModel(rnn, new Dense("head", shape.hiddenSize(), 1, Activation.IDENTITY, rng));
    model.reuseBuffers(true);
    parameters = model.parameters();
    input = gaussian(shape.steps(), shape.batch(), shape.inputSize(), rng);
    target = gaussian(shape.steps(), shape.batch(), 1, rng);
    outputGradient = new Sequence(shape.steps(), shape.batch(), 1);
  }

  private static Sequence gaussian(int steps, int batch, int features, Random rng) {
    Sequence s = new Sequence(steps, batch, features);
    double[] d = s.values().data;
    for (int i = 0; i < d.length; i++) {
      d[i] = rng.nextGaussian();
    }
    return s;
  }

  public CellType cell() {
    return cell;
  }

  public Shape shape() {
    return shape;
  }

  /** One training step; returns the loss before the update. */
  public double trainStep() {
    for (Parameter p : parameters) {
      p.zeroGrad();
    }
    Sequence y = model.forward(input, true);
    lastLoss = mse.evaluate(y, target, outputGradient);
    model.backward(outputGradient);
    adam.step(parameters);
    return lastLoss;
  }

  /** One inference pass; returns the first output, so the work cannot be optimised away. */
  public double infer() {
    return model.forward(input, false).values().data[0];
  }

  /** Floating-point operations of one forward pass, {@link Shape#forwardFlops}. */
  public double forwardFlops() {
    return shape.forwardFlops(cell.create().gateCount());
  }
}
