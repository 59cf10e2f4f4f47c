package org.rnnkit.nn.cell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.ejml.data.DMatrixRMaj;
import org.rnnkit.nn.Parameter;

/**
 * A cell whose two pre-activations are layer-normalised before it combines them (Ba, Kiros and
 * Hinton 2016, "Layer normalization", section 3.1), for any cell that reads them as a sum or, as
 * the GRU, separately:
 *
 * <pre>
 *   a_x[t] = x[t] W_ih^T + b_ih,   a_h[t] = h[t-1] W_hh^T + b_hh      (the layer, as for every cell)
 *   n_x = LN(a_x; gamma_x, beta_x),   n_h = LN(a_h; gamma_h, beta_h)  (each over all G*H values of a row)
 *   state[t] = inner(n_x, n_h, state[t-1])                            (the wrapped cell, biases 0)
 * </pre>
 *
 * <p>So the layer-normalised LSTM is {@code [a_i a_f a_g a_o] = n_x + n_h}, then the LSTM's gates
 * (with {@code LN(c[t])} before its tanh, which {@link LstmCell} does itself); the GRU is {@code r
 * = sigmoid(n_x,r + n_h,r)}, {@code n = tanh(n_x,n + r * n_h,n)}; the RNN {@code h[t] = act(n_x +
 * n_h)}. Departure from the paper: its bias {@code b} is the sum of the two normalisations' betas;
 * {@code b_ih} and {@code b_hh}, which the paper does not have, sit inside the normalisation, where
 * they keep the layer's contract ({@link Cell}) unchanged; with {@code bias = false} the equations
 * are the paper's. {@code gamma} starts at 1, {@code beta} at 0, {@code eps = 1e-5}.
 *
 * <table>
 *   <caption>Parameters of its own (W = G*H), after the layer's</caption>
 *   <tr><td>ln_weight_ih, ln_bias_ih</td><td>1 x W: gamma_x, beta_x</td></tr>
 *   <tr><td>ln_weight_hh, ln_bias_hh</td><td>1 x W: gamma_h, beta_h</td></tr>
 * </table>
 *
 * <p>Backward: the wrapped cell's {@code dL/dn_x}, {@code dL/dn_h} (one shared gradient for a cell
 * that sums them) go back through each normalisation ({@code RowNorm}); the normalisation replaces
 * the products in place with {@code n_x}, {@code n_h} in forward, and keeps {@code a^} and {@code
 * 1/sigma} of every row in its cache. Not for a cell with a gated block (the reset-before GRU),
 * whose candidate's recurrent product is not part of {@code a_h}.
 */
public final class LayerNormCell implements Cell {
  private final Cell inner;
  private final int width;
  private final RowNorm normInput;
  private final RowNorm normRecurrent;
  private final double[] zeros;

  /** Cache offsets of a row: a^_x, a^_h, dL/dn_x, dL/dn_h (W each), 1/sigma_x, 1/sigma_h. */
  private final int normedX;

  private final int normedH;
  private final int dNormedX;
  private final int dNormedH;
  private final int invStdX;
  private final int invStdH;
  private final int ownWidth;

  /** One wrapped view per view of the layer's (each slice of the batch has its own). */
  private final Map<Step, InnerStep> innerSteps = new ConcurrentHashMap<>();

  /**
   * @param inner the cell that combines the normalised pre-activations; it must have no gated block
   * @param hiddenSize H
   * @param suffix appended to the parameter names, e.g. {@code _l0}
   */
  public LayerNormCell(Cell inner, int hiddenSize, String suffix) {
    if (inner.gatedBlock() >= 0) {
      throw new IllegalArgumentException(
          "layer normalisation needs a cell whose recurrent product is one product of h[t-1] ("
              + inner.name()
              + " with the reset gate before the product is not); use the reset-after form");
    }
    this.inner = inner;
    this.width = inner.gateCount() * hiddenSize;
    normInput = new RowNorm(width, "_ih" + suffix);
    normRecurrent = new RowNorm(width, "_hh" + suffix);
    zeros = new double[width];
    normedX = 0;
    normedH = width;
    dNormedX = 2 * width;
    dNormedH = 3 * width;
    invStdX = 4 * width;
    invStdH = 4 * width + 1;
    ownWidth = 4 * width + 2;
  }

  /** The wrapped cell. */
  public Cell inner() {
    return inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public int gateCount() {
    return inner.gateCount();
  }

  @Override
  public boolean hasMemory() {
    return inner.hasMemory();
  }

  /** False: the two pre-activations are normalised separately, so the layer keeps them apart. */
  @Override
  public boolean sumsPreActivations() {
    return false;
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    all.add(normInput.gain());
    all.add(normInput.bias());
    all.add(normRecurrent.gain());
    all.add(normRecurrent.bias());
    all.addAll(inner.parameters());
    return all;
  }

  @Override
  public void initialize(Random rng) {
    normInput.reset();
    normRecurrent.reset();
    inner.initialize(rng);
  }

  @Override
  public int cacheWidth() {
    return ownWidth + inner.cacheWidth();
  }

  /** Raises the forget-gate block of {@code beta_x}, the bias after the normalisation. */
  @Override
  public void raiseForgetGateBias(DMatrixRMaj inputBias, double amount) {
    inner.raiseForgetGateBias(normInput.bias().value(), amount);
  }

  @Override
  public void forward(Step step) {
    double[] ax = step.inputProducts();
    double[] ah = step.recurrentProducts();
    double[] cache = step.cache();
    for (int r = 0; r < step.rows(); r++) {
      int g = step.gate(r, 0);
      int c = step.cache(r);
      // n_x = LN(x W_ih^T + b_ih), n_h = LN(h W_hh^T + b_hh), in place of the products
      cache[c + invStdX] = normInput.forward(ax, g, step.inputBias(), 0, cache, c + normedX, ax, g);
      cache[c + invStdH] =
          normRecurrent.forward(ah, g, step.recurrentBias(), 0, cache, c + normedH, ah, g);
    }
    inner.forward(innerStep(step));
  }

  @Override
  public void backward(Step step) {
    inner.backward(innerStep(step));
    double[] dax = step.dInputPre();
    double[] dah = step.dRecurrentPre();
    double[] direct = step.dHiddenDirect();
    double[] cache = step.cache();
    int hs = step.hiddenSize();
    for (int r = 0; r < step.rows(); r++) {
      int g = step.gate(r, 0);
      int c = step.cache(r);
      if (inner.sumsPreActivations()) {
        // dL/dn_h = dL/dn_x, and h[t-1] reaches the loss only through a_h
        System.arraycopy(dax, g, dah, g, width);
        java.util.Arrays.fill(direct, step.carried(r), step.carried(r) + hs, 0);
      }
      System.arraycopy(dax, g, cache, c + dNormedX, width);
      System.arraycopy(dah, g, cache, c + dNormedH, width);
      normInput.backward(dax, g, cache, c + normedX, cache[c + invStdX], dax, g);
      normRecurrent.backward(dah, g, cache, c + normedH, cache[c + invStdH], dah, g);
    }
  }

  @Override
  public void addParameterGradients(Step step) {
    double[] cache = step.cache();
    for (int r = 0; r < step.rows(); r++) {
      int c = step.cache(r);
      normInput.addGradients(cache, c + dNormedX, cache, c + normedX);
      normRecurrent.addGradients(cache, c + dNormedH, cache, c + normedH);
    }
    inner.addParameterGradients(innerStep(step));
  }

  private InnerStep innerStep(Step step) {
    return innerSteps.computeIfAbsent(step, InnerStep::new);
  }

  /**
   * The wrapped cell's view of a step: the products are the normalised pre-activations (replaced in
   * place), the biases zeros (they are inside the normalisation), the cache after this cell's part.
   */
  private final class InnerStep implements Step {
    private final Step outer;

    InnerStep(Step outer) {
      this.outer = outer;
    }

    /** gates = n_x + n_h. */
    @Override
    public void sumPreActivations() {
      double[] ax = outer.inputProducts();
      double[] ah = outer.recurrentProducts();
      double[] gates = outer.gates();
      for (int r = 0; r < outer.rows(); r++) {
        int g = outer.gate(r, 0);
        for (int j = g; j < g + width; j++) {
          gates[j] = ax[j] + ah[j];
        }
      }
    }

    @Override
    public double[] inputBias() {
      return zeros;
    }

    @Override
    public double[] recurrentBias() {
      return zeros;
    }

    @Override
    public int cache(int r) {
      return outer.cache(r) + ownWidth;
    }

    @Override
    public int rows() {
      return outer.rows();
    }

    @Override
    public int hiddenSize() {
      return outer.hiddenSize();
    }

    @Override
    public int gateWidth() {
      return outer.gateWidth();
    }

    @Override
    public int gate(int r, int g) {
      return outer.gate(r, g);
    }

    @Override
    public int state(int r) {
      return outer.state(r);
    }

    @Override
    public int previousState(int r) {
      return outer.previousState(r);
    }

    @Override
    public int carried(int r) {
      return outer.carried(r);
    }

    @Override
    public double[] gates() {
      return outer.gates();
    }

    @Override
    public double[] inputProducts() {
      return outer.inputProducts();
    }

    @Override
    public double[] recurrentProducts() {
      return outer.recurrentProducts();
    }

    @Override
    public double[] hidden() {
      return outer.hidden();
    }

    @Override
    public double[] memory() {
      return outer.memory();
    }

    @Override
    public double[] memoryTanh() {
      return outer.memoryTanh();
    }

    @Override
    public double[] dHidden() {
      return outer.dHidden();
    }

    @Override
    public double[] dMemory() {
      return outer.dMemory();
    }

    @Override
    public double[] dHiddenDirect() {
      return outer.dHiddenDirect();
    }

    @Override
    public double[] dInputPre() {
      return outer.dInputPre();
    }

    @Override
    public double[] dRecurrentPre() {
      return outer.dRecurrentPre();
    }

    @Override
    public double[] cache() {
      return outer.cache();
    }

    @Override
    public double[] gatedState() {
      return outer.gatedState();
    }

    @Override
    public double[] gatedProducts() {
      return outer.gatedProducts();
    }

    @Override
    public double[] dGatedProducts() {
      return outer.dGatedProducts();
    }

    @Override
    public double[] dGatedState() {
      return outer.dGatedState();
    }
  }
}
