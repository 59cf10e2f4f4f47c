package org.rnnkit.nn.cell;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.rnnkit.nn.Initializer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.VectorMath;

/**
 * Long short-term memory (Hochreiter and Schmidhuber 1997, with the forget gate of Gers et al.
 * 2000), as {@code torch.nn.LSTM}:
 *
 * <pre>
 *   [a_i a_f a_g a_o] = x[t] W_ih^T + b_ih + h[t-1] W_hh^T + b_hh
 *   i = sigmoid(a_i)   f = sigmoid(a_f)   g = tanh(a_g)   o = sigmoid(a_o)
 *   c[t] = f * c[t-1] + i * g
 *   h[t] = o * tanh(c[t])
 * </pre>
 *
 * <table>
 *   <caption>Shapes (G = 4)</caption>
 *   <tr><td>x[t]</td><td>B x I</td></tr>
 *   <tr><td>h[t], c[t]</td><td>B x H</td></tr>
 *   <tr><td>W_ih, W_hh</td><td>4H x I, 4H x H; row blocks in gate order i, f, g, o</td></tr>
 *   <tr><td>b_ih, b_hh</td><td>1 x 4H, same order</td></tr>
 * </table>
 *
 * <p>Default initialisation (PyTorch): every weight and bias from {@code U(-1/sqrt(H), 1/sqrt(H))}.
 * Raising the forget-gate bias (Jozefowicz et al. 2015) keeps gradient flowing.
 *
 * <p>Backward, with {@code dc = dL/dc[t] + dh * o * (1 - tanh(c[t])^2)}: {@code do = dh *
 * tanh(c[t])}, {@code di = dc * g}, {@code df = dc * c[t-1]}, {@code dg = dc * i}, {@code
 * dL/dc[t-1] = dc * f}, each then times its nonlinearity's derivative.
 *
 * <p>Two variants, each off by default:
 *
 * <ul>
 *   <li>Peephole connections (Gers and Schmidhuber 2000, "Recurrent nets that time and count"): the
 *       gates also see the memory through diagonal weights {@code p_i, p_f, p_o} (parameter {@code
 *       peephole}, {@code 1 x 3H} in that order, initialised as the other weights): {@code i =
 *       sigmoid(a_i + p_i * c[t-1])}, {@code f = sigmoid(a_f + p_f * c[t-1])}, {@code o =
 *       sigmoid(a_o + p_o * c[t])}. Backward adds {@code da_o p_o} to {@code dc} and {@code da_i
 *       p_i + da_f p_f} to {@code dL/dc[t-1]}; {@code dp_i += da_i c[t-1]}, {@code dp_f += da_f
 *       c[t-1]}, {@code dp_o += da_o c[t]}.
 *   <li>Normalised memory (Ba, Kiros and Hinton 2016, with {@link LayerNormCell} normalising the
 *       pre-activations): {@code h[t] = o * tanh(LN(c[t]; gamma_c, beta_c))} (parameters {@code
 *       ln_weight_c}, {@code ln_bias_c}, {@code 1 x H}); the recurrence {@code c[t] = f * c[t-1] +
 *       i * g} is unchanged.
 * </ul>
 */
public final class LstmCell implements Cell {
  static final int INPUT = 0;
  static final int FORGET = 1;
  static final int CANDIDATE = 2;
  static final int OUTPUT = 3;

  /** {@code [p_i p_f p_o]}, or null without peepholes. */
  private final Parameter peephole;

  /** LN of {@code c[t]} before its tanh, or null. */
  private final RowNorm memoryNorm;

  private final int hiddenSize;

  /**
   * Cache offsets of a row: the peephole gradient terms {@code da_i c[t-1], da_f c[t-1], da_o c[t]}
   * (H each); the memory normalisation's {@code c^}, {@code dL/dLN(c)}, {@code dL/dc} through it (H
   * each) and {@code 1/sigma}.
   */
  private final int peepholeTerms;

  private final int normedC;
  private final int dNormedC;
  private final int dMemoryThroughNorm;
  private final int invStdC;
  private final int cacheWidth;

  /** The plain LSTM of {@code torch.nn.LSTM}. */
  public LstmCell() {
    this(1, "", false, false);
  }

  /**
   * @param hiddenSize H
   * @param suffix appended to the own parameters' names, e.g. {@code _l0}
   * @param peepholes with peephole connections
   * @param normaliseMemory with {@code LN(c[t])} before the output tanh
   */
  public LstmCell(int hiddenSize, String suffix, boolean peepholes, boolean normaliseMemory) {
    this.hiddenSize = hiddenSize;
    peephole = peepholes ? new Parameter("peephole" + suffix, 1, 3 * hiddenSize) : null;
    memoryNorm = normaliseMemory ? new RowNorm(hiddenSize, "_c" + suffix) : null;
    int width = 0;
    peepholeTerms = width;
    width += peepholes ? 3 * hiddenSize : 0;
    normedC = width;
    dNormedC = width + hiddenSize;
    dMemoryThroughNorm = width + 2 * hiddenSize;
    invStdC = width + 3 * hiddenSize;
    width += normaliseMemory ? 3 * hiddenSize + 1 : 0;
    cacheWidth = width;
  }

  /** True with peephole connections. */
  public boolean hasPeepholes() {
    return peephole != null;
  }

  /** True when {@code c[t]} is layer-normalised before its tanh. */
  public boolean normalisesMemory() {
    return memoryNorm != null;
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    if (peephole != null) {
      all.add(peephole);
    }
    if (memoryNorm != null) {
      all.add(memoryNorm.gain());
      all.add(memoryNorm.bias());
    }
    return all;
  }

  /** Peepholes from {@code U(-1/sqrt(H), 1/sqrt(H))}, as the other weights; gamma_c 1, beta_c 0. */
  @Override
  public void initialize(Random rng) {
    if (peephole != null) {
      Initializer.uniform(1 / Math.sqrt(hiddenSize)).fill(peephole.value(), hiddenSize, rng);
    }
    if (memoryNorm != null) {
      memoryNorm.reset();
    }
  }

  @Override
  public int cacheWidth() {
    return cacheWidth;
  }

  @Override
  public String name() {
    return "lstm";
  }

  @Override
  public int gateCount() {
    return 4;
  }

  @Override
  public boolean hasMemory() {
    return true;
  }

  /** a_x and a_h enter every gate as a sum, so they share one gradient. */
  @Override
  public boolean sumsPreActivations() {
    return true;
  }

  /** The forget gate's block: {@code b_ih[H .. 2H)}. */
  @Override
  public void raiseForgetGateBias(DMatrixRMaj inputBias, double amount) {
    if (inputBias == null) {
      throw new IllegalStateException(
          "only an LSTM layer with biases has a forget-gate bias; this layer has no biases");
    }
    int hs = inputBias.getNumElements() / 4;
    for (int j = FORGET * hs; j < (FORGET + 1) * hs; j++) {
      inputBias.data[j] += amount;
    }
  }

  @Override
  public void forward(Step step) {
    double[] gates = step.gates();
    double[] h = step.hidden();
    double[] c = step.memory();
    double[] tanhC = step.memoryTanh();
    int hs = step.hiddenSize();
    int width = step.gateWidth();
    int rows = step.rows();
    // gate values in place of their pre-activations: i, f = sigmoid(.), g = tanh(.)
    step.sumPreActivations();
    if (peephole != null) {
      addPeepholes(step, INPUT, 0, true);
      addPeepholes(step, FORGET, hs, true);
    }
    int i0 = step.gate(0, INPUT);
    VectorMath.sigmoid(gates, i0, width, gates, i0, width, rows, 2 * hs);
    int g0 = step.gate(0, CANDIDATE);
    VectorMath.tanh(gates, g0, width, gates, g0, width, rows, hs);
    for (int r = 0; r < rows; r++) {
      int i = step.gate(r, INPUT);
      int f = step.gate(r, FORGET);
      int g = step.gate(r, CANDIDATE);
      int s = step.state(r);
      int sPrev = step.previousState(r);
      for (int j = 0; j < hs; j++) {
        // c[t] = f * c[t-1] + i * g
        c[s + j] = gates[f + j] * c[sPrev + j] + gates[i + j] * gates[g + j];
      }
    }
    if (peephole != null) {
      addPeepholes(step, OUTPUT, 2 * hs, false);
    }
    // o = sigmoid(.)
    int o0 = step.gate(0, OUTPUT);
    VectorMath.sigmoid(gates, o0, width, gates, o0, width, rows, hs);
    if (memoryNorm != null) {
      double[] cache = step.cache();
      for (int r = 0; r < rows; r++) {
        int k = step.cache(r);
        // LN(c[t]) into the tanh buffer, then its tanh below
        cache[k + invStdC] =
            memoryNorm.forward(c, step.state(r), cache, k + normedC, tanhC, step.state(r));
      }
      VectorMath.tanh(tanhC, step.state(0), tanhC, step.state(0), rows * hs);
    } else {
      // tanh(c[t]): the view's rows are contiguous in both buffers
      VectorMath.tanh(c, step.state(0), tanhC, step.state(0), rows * hs);
    }
    for (int r = 0; r < rows; r++) {
      int o = step.gate(r, OUTPUT);
      int s = step.state(r);
      for (int j = 0; j < hs; j++) {
        // h[t] = o * tanh(c[t])
        h[s + j] = gates[o + j] * tanhC[s + j];
      }
    }
  }

  /**
   * Adds {@code p_k * c} to gate k's pre-activations: {@code c[t-1]} for i and f, {@code c[t]} for
   * o.
   */
  private void addPeepholes(Step step, int gate, int weights, boolean previous) {
    double[] gates = step.gates();
    double[] c = step.memory();
    double[] p = peephole.value().data;
    for (int r = 0; r < step.rows(); r++) {
      int a = step.gate(r, gate);
      int s = previous ? step.previousState(r) : step.state(r);
      for (int j = 0; j < step.hiddenSize(); j++) {
        gates[a + j] += p[weights + j] * c[s + j];
      }
    }
  }

  @Override
  public void backward(Step step) {
    if (peephole != null || memoryNorm != null) {
      backwardVariant(step);
      return;
    }
    double[] gates = step.gates();
    double[] c = step.memory();
    double[] tanhCs = step.memoryTanh();
    double[] dh = step.dHidden();
    double[] dcNext = step.dMemory();
    double[] da = step.dInputPre();
    int hs = step.hiddenSize();
    for (int r = 0; r < step.rows(); r++) {
      int gi = step.gate(r, INPUT);
      int gf = step.gate(r, FORGET);
      int gg = step.gate(r, CANDIDATE);
      int go = step.gate(r, OUTPUT);
      int s = step.state(r);
      int sPrev = step.previousState(r);
      int d = step.carried(r);
      for (int j = 0; j < hs; j++) {
        double i = gates[gi + j];
        double f = gates[gf + j];
        double g = gates[gg + j];
        double o = gates[go + j];
        double tanhC = tanhCs[s + j];
        int k = d + j;
        // total gradient reaching c[t]: from c[t+1] and through h[t] = o * tanh(c[t])
        double dc = dcNext[k] + dh[k] * o * (1 - tanhC * tanhC);
        double cPrev = c[sPrev + j];
        da[gi + j] = dc * g * i * (1 - i);
        da[gf + j] = dc * cPrev * f * (1 - f);
        da[gg + j] = dc * i * (1 - g * g);
        da[go + j] = dh[k] * tanhC * o * (1 - o);
        dcNext[k] = dc * f;
      }
    }
  }

  /**
   * The backward of the peephole and normalised-memory variants: the plain one with {@code dc}
   * taken through {@code LN(c[t])} and the peepholes' paths added (see the class comment).
   */
  private void backwardVariant(Step step) {
    double[] gates = step.gates();
    double[] c = step.memory();
    double[] tanhCs = step.memoryTanh();
    double[] dh = step.dHidden();
    double[] dcNext = step.dMemory();
    double[] da = step.dInputPre();
    double[] cache = step.cache();
    double[] p = peephole == null ? null : peephole.value().data;
    int hs = step.hiddenSize();
    for (int r = 0; r < step.rows(); r++) {
      int gi = step.gate(r, INPUT);
      int gf = step.gate(r, FORGET);
      int gg = step.gate(r, CANDIDATE);
      int go = step.gate(r, OUTPUT);
      int s = step.state(r);
      int sPrev = step.previousState(r);
      int d = step.carried(r);
      int m = step.cache(r);
      if (memoryNorm != null) {
        for (int j = 0; j < hs; j++) {
          // dL/dLN(c[t]) through h[t] = o * tanh(LN(c[t]))
          double tanhC = tanhCs[s + j];
          cache[m + dNormedC + j] = dh[d + j] * gates[go + j] * (1 - tanhC * tanhC);
        }
        memoryNorm.backward(
            cache,
            m + dNormedC,
            cache,
            m + normedC,
            cache[m + invStdC],
            cache,
            m + dMemoryThroughNorm);
      }
      for (int j = 0; j < hs; j++) {
        double i = gates[gi + j];
        double f = gates[gf + j];
        double g = gates[gg + j];
        double o = gates[go + j];
        double tanhC = tanhCs[s + j];
        int k = d + j;
        double dao = dh[k] * tanhC * o * (1 - o);
        double throughH =
            memoryNorm != null
                ? cache[m + dMemoryThroughNorm + j]
                : dh[k] * o * (1 - tanhC * tanhC);
        // total gradient reaching c[t]: from c[t+1], through h[t], through o's peephole
        double dc = dcNext[k] + throughH + (p == null ? 0 : dao * p[2 * hs + j]);
        double cPrev = c[sPrev + j];
        double dai = dc * g * i * (1 - i);
        double daf = dc * cPrev * f * (1 - f);
        da[gi + j] = dai;
        da[gf + j] = daf;
        da[gg + j] = dc * i * (1 - g * g);
        da[go + j] = dao;
        // dL/dc[t-1]: through f, and through i's and f's peepholes
        dcNext[k] = dc * f + (p == null ? 0 : dai * p[j] + daf * p[hs + j]);
        if (p != null) {
          cache[m + peepholeTerms + j] = dai * cPrev;
          cache[m + peepholeTerms + hs + j] = daf * cPrev;
          cache[m + peepholeTerms + 2 * hs + j] = dao * c[s + j];
        }
      }
    }
  }

  /** {@code dp += } the cached peephole terms; {@code dgamma_c}, {@code dbeta_c} of LN(c). */
  @Override
  public void addParameterGradients(Step step) {
    double[] cache = step.cache();
    for (int r = 0; r < step.rows(); r++) {
      int m = step.cache(r);
      if (peephole != null) {
        double[] dp = peephole.grad().data;
        for (int j = 0; j < 3 * hiddenSize; j++) {
          dp[j] += cache[m + peepholeTerms + j];
        }
      }
      if (memoryNorm != null) {
        memoryNorm.addGradients(cache, m + dNormedC, cache, m + normedC);
      }
    }
  }
}
