package org.rnnkit.nn.layer;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Initializer;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.linalg.Block;
import org.rnnkit.nn.linalg.MatMul;

/**
 * A fully connected layer applied to every step of every sequence, as {@code torch.nn.Linear}
 * followed by an activation:
 *
 * <pre>
 *   y = act(x W^T + b)       x: (T*B) x I,  W: O x I,  b: 1 x O,  y: (T*B) x O
 *   backward:  dz = dy * act'(y);  dW += dz^T x;  db += sum over rows of dz;  dx = dz W
 * </pre>
 *
 * <p>Default initialisation (PyTorch's Linear): W and b from {@code U(-1/sqrt(I), 1/sqrt(I))}.
 * Parameters are named {@code <name>.weight} and {@code <name>.bias}.
 */
public final class Dense implements Layer {
  private final String name;
  private final int inputSize;
  private final int outputSize;
  private final Activation activation;
  private final Parameter weight;
  private final Parameter bias;
  private final DMatrixRMaj inputCopy = new DMatrixRMaj(1, 1);

  /** x of the latest forward: this layer's copy, or with reuse on the caller's own values. */
  private DMatrixRMaj input = inputCopy;

  private final DMatrixRMaj output = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj dz = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj inputGradient = new DMatrixRMaj(1, 1);
  private boolean reuse;
  private int steps;
  private int batch;

  public Dense(String name, int inputSize, int outputSize, Activation activation, Random rng) {
    if (inputSize < 1 || outputSize < 1) {
      throw new IllegalArgumentException(
          "dense layer %s needs sizes of at least 1, got %d -> %d"
              .formatted(name, inputSize, outputSize));
    }
    this.name = name;
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    this.activation = activation;
    weight = new Parameter(name + ".weight", outputSize, inputSize);
    bias = new Parameter(name + ".bias", 1, outputSize);
    Initializer init = Initializer.uniform(1 / Math.sqrt(inputSize));
    init.fill(weight.value(), outputSize, rng);
    init.fill(bias.value(), 1, rng);
  }

  /** The prefix of the parameter names: {@code <name>.weight}, {@code <name>.bias}. */
  public String name() {
    return name;
  }

  public int inputSize() {
    return inputSize;
  }

  public int outputSize() {
    return outputSize;
  }

  public Activation activation() {
    return activation;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }

  /**
   * With reuse on, forward returns a sequence backed by this layer's output buffer and backward one
   * backed by its input-gradient buffer, each valid until the next call (see {@link Layer}); and
   * forward keeps a reference to its input instead of a copy, so the input must not change until
   * the matching backward.
   */
  @Override
  public void reuseBuffers(boolean reuse) {
    this.reuse = reuse;
  }

  @Override
  public Sequence forward(Sequence x, boolean training) {
    if (x.features() != inputSize) {
      throw new IllegalArgumentException(
          "dense layer %s expects %d input features, got %s"
              .formatted(weight.name(), inputSize, x.shape()));
    }
    x.requireFinite("input");
    steps = x.steps();
    batch = x.batch();
    if (reuse) {
      input = x.values();
    } else {
      inputCopy.setTo(x.values());
      input = inputCopy;
    }
    int rows = steps * batch;
    // y = act(x W^T + b): the bias rows first, the product added onto them
    output.reshape(rows, outputSize);
    double[] b = bias.value().data;
    for (int r = 0; r < rows; r++) {
      System.arraycopy(b, 0, output.data, r * outputSize, outputSize);
    }
    MatMul.current().multAddTransB(Block.of(input), Block.of(weight.value()), Block.of(output));
    if (activation != Activation.IDENTITY) {
      for (int i = 0; i < output.getNumElements(); i++) {
        output.data[i] = activation.apply(output.data[i]);
      }
    }
    DMatrixRMaj values = reuse ? output : output.copy();
    return new Sequence(steps, batch, outputSize, values).withLengths(x.lengths());
  }

  @Override
  public Sequence backward(Sequence dy) {
    if (dy.steps() != steps || dy.batch() != batch || dy.features() != outputSize) {
      throw new IllegalArgumentException(
          "output gradient must be T=%d, B=%d, F=%d like the output, got %s"
              .formatted(steps, batch, outputSize, dy.shape()));
    }
    // dz = dy * act'(y)
    int rows = output.numRows;
    dz.reshape(rows, outputSize);
    for (int i = 0; i < dz.getNumElements(); i++) {
      dz.data[i] = dy.values().data[i] * activation.derivativeFromOutput(output.data[i]);
    }
    // dW += dz^T x;  db += column sums of dz;  dx = dz W
    MatMul mm = MatMul.current();
    mm.multAddTransA(Block.of(dz), Block.of(input), Block.of(weight.grad()));
    for (int i = 0; i < dz.getNumElements(); i++) {
      bias.grad().data[i % outputSize] += dz.data[i];
    }
    DMatrixRMaj dx = reuse ? inputGradient : new DMatrixRMaj(1, 1);
    dx.reshape(rows, inputSize);
    mm.mult(Block.of(dz), Block.of(weight.value()), Block.of(dx));
    return new Sequence(steps, batch, inputSize, dx);
  }
}
