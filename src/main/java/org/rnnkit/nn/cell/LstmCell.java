package org.rnnkit.nn.cell;

import org.ejml.data.DMatrixRMaj;
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
 */
public final class LstmCell implements Cell {
  static final int INPUT = 0;
  static final int FORGET = 1;
  static final int CANDIDATE = 2;
  static final int OUTPUT = 3;

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
    // gate values in place of their pre-activations: i, f, o = sigmoid(.), g = tanh(.)
    step.sumPreActivations();
    int i0 = step.gate(0, INPUT);
    VectorMath.sigmoid(gates, i0, width, gates, i0, width, rows, 2 * hs);
    int g0 = step.gate(0, CANDIDATE);
    VectorMath.tanh(gates, g0, width, gates, g0, width, rows, hs);
    int o0 = step.gate(0, OUTPUT);
    VectorMath.sigmoid(gates, o0, width, gates, o0, width, rows, hs);
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
    // tanh(c[t]): the view's rows are contiguous in both buffers
    VectorMath.tanh(c, step.state(0), tanhC, step.state(0), rows * hs);
    for (int r = 0; r < rows; r++) {
      int o = step.gate(r, OUTPUT);
      int s = step.state(r);
      for (int j = 0; j < hs; j++) {
        // h[t] = o * tanh(c[t])
        h[s + j] = gates[o + j] * tanhC[s + j];
      }
    }
  }

  @Override
  public void backward(Step step) {
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
}
