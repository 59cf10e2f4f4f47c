package org.rnnkit.nn.cell;

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

  @Override
  public void forward(Unrolled u, int t, int from, int to) {
    double[] gates = u.gates.data;
    double[] h = u.hidden.data;
    double[] c = u.memory.data;
    double[] tanhC = u.memoryTanh.data;
    int hs = u.hiddenSize();
    int width = u.gateWidth();
    int rows = to - from;
    // gate values in place of their pre-activations: i, f, o = sigmoid(.), g = tanh(.)
    u.sumPreActivations(t, from, to);
    int first = u.gateIndex(t, from, INPUT, 0);
    VectorMath.sigmoid(gates, first, width, gates, first, width, rows, 2 * hs);
    int g0 = u.gateIndex(t, from, CANDIDATE, 0);
    VectorMath.tanh(gates, g0, width, gates, g0, width, rows, hs);
    int o0 = u.gateIndex(t, from, OUTPUT, 0);
    VectorMath.sigmoid(gates, o0, width, gates, o0, width, rows, hs);
    for (int b = from; b < to; b++) {
      int gi = u.gateIndex(t, b, INPUT, 0);
      int gf = u.gateIndex(t, b, FORGET, 0);
      int gg = u.gateIndex(t, b, CANDIDATE, 0);
      int s = u.stateIndex(t, b, 0);
      int sPrev = u.stateIndex(t - 1, b, 0);
      for (int j = 0; j < hs; j++) {
        // c[t] = f * c[t-1] + i * g
        c[s + j] = gates[gf + j] * c[sPrev + j] + gates[gi + j] * gates[gg + j];
      }
    }
    // tanh(c[t]) for the rows from..to-1, contiguous in both buffers
    int s0 = u.stateIndex(t, from, 0);
    int row0 = (t * u.batch() + from) * hs;
    VectorMath.tanh(c, s0, tanhC, row0, rows * hs);
    for (int b = from; b < to; b++) {
      int go = u.gateIndex(t, b, OUTPUT, 0);
      int s = u.stateIndex(t, b, 0);
      int row = (t * u.batch() + b) * hs;
      for (int j = 0; j < hs; j++) {
        // h[t] = o * tanh(c[t])
        h[s + j] = gates[go + j] * tanhC[row + j];
      }
    }
  }

  @Override
  public void backward(Unrolled u, int t, int from, int to) {
    double[] gates = u.gates.data;
    double[] c = u.memory.data;
    double[] tanhCs = u.memoryTanh.data;
    double[] dh = u.dHidden.data;
    double[] dcNext = u.dMemory.data;
    double[] dax = u.dInputPre.data;
    int hs = u.hiddenSize();
    int batch = u.batch();
    for (int b = from; b < to; b++) {
      int row = t * batch + b;
      int gi = u.gateIndex(t, b, INPUT, 0);
      int gf = u.gateIndex(t, b, FORGET, 0);
      int gg = u.gateIndex(t, b, CANDIDATE, 0);
      int go = u.gateIndex(t, b, OUTPUT, 0);
      int sPrev = u.stateIndex(t - 1, b, 0);
      for (int j = 0; j < hs; j++) {
        double i = gates[gi + j];
        double f = gates[gf + j];
        double g = gates[gg + j];
        double o = gates[go + j];
        double tanhC = tanhCs[row * hs + j];
        int k = b * hs + j;
        // total gradient reaching c[t]: from c[t+1] and through h[t] = o * tanh(c[t])
        double dc = dcNext[k] + dh[k] * o * (1 - tanhC * tanhC);
        double cPrev = c[sPrev + j];
        dax[gi + j] = dc * g * i * (1 - i);
        dax[gf + j] = dc * cPrev * f * (1 - f);
        dax[gg + j] = dc * i * (1 - g * g);
        dax[go + j] = dh[k] * tanhC * o * (1 - o);
        dcNext[k] = dc * f;
      }
    }
  }
}
