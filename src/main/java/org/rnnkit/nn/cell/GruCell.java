package org.rnnkit.nn.cell;

import org.rnnkit.nn.VectorMath;

/**
 * Gated recurrent unit (Cho et al. 2014), as {@code torch.nn.GRU}:
 *
 * <pre>
 *   [x_r x_z x_n] = x[t] W_ih^T + b_ih,    [h_r h_z h_n] = h[t-1] W_hh^T + b_hh
 *   r = sigmoid(x_r + h_r)    z = sigmoid(x_z + h_z)
 *   n = tanh(x_n + r * h_n)
 *   h[t] = (1 - z) * n + z * h[t-1]
 * </pre>
 *
 * <table>
 *   <caption>Shapes (G = 3)</caption>
 *   <tr><td>x[t]</td><td>B x I</td></tr>
 *   <tr><td>h[t]</td><td>B x H</td></tr>
 *   <tr><td>W_ih, W_hh</td><td>3H x I, 3H x H; row blocks in gate order r, z, n</td></tr>
 *   <tr><td>b_ih, b_hh</td><td>1 x 3H, same order</td></tr>
 * </table>
 *
 * <p>Departure from the paper, as PyTorch and cuDNN: the reset gate multiplies the recurrent
 * product {@code h_n = h[t-1] W_hn^T + b_hn} after it is computed, not {@code h[t-1]} before.
 * Default initialisation (PyTorch): every weight and bias from {@code U(-1/sqrt(H), 1/sqrt(H))}.
 *
 * <p>Backward: {@code dn = dh (1 - z)}, {@code dz = dh (h[t-1] - n)}, the direct part {@code
 * dL/dh[t-1] += dh z}; {@code dx_n = dn (1 - n^2)}, {@code dh_n = dx_n r}, {@code dr = dx_n h_n}.
 */
public final class GruCell implements Cell {
  static final int RESET = 0;
  static final int UPDATE = 1;
  static final int CANDIDATE = 2;

  @Override
  public String name() {
    return "gru";
  }

  @Override
  public int gateCount() {
    return 3;
  }

  @Override
  public boolean hasMemory() {
    return false;
  }

  @Override
  public boolean sumsPreActivations() {
    return false;
  }

  @Override
  public void forward(Step step) {
    double[] ax = step.inputProducts();
    double[] ah = step.recurrentProducts();
    double[] bx = step.inputBias();
    double[] bh = step.recurrentBias();
    double[] gates = step.gates();
    int hs = step.hiddenSize();
    int rows = step.rows();
    resetAndUpdateGates(step);
    int bn = CANDIDATE * hs;
    for (int r = 0; r < rows; r++) {
      int gr = step.gate(r, RESET);
      int gn = step.gate(r, CANDIDATE);
      for (int j = 0; j < hs; j++) {
        // pre-activation of n: x_n + r * h_n (reset applied after the recurrent product)
        double hn = ah[gn + j] + bh[bn + j];
        gates[gn + j] = ax[gn + j] + bx[bn + j] + gates[gr + j] * hn;
      }
    }
    candidateAndState(step);
  }

  /** {@code r, z = sigmoid(a_x + a_h)}, in place of their pre-activations. */
  static void resetAndUpdateGates(Step step) {
    double[] gates = step.gates();
    int width = step.gateWidth();
    step.sumPreActivations();
    int r0 = step.gate(0, RESET);
    VectorMath.sigmoid(gates, r0, width, gates, r0, width, step.rows(), 2 * step.hiddenSize());
  }

  /**
   * {@code n = tanh(pre-activation of n)} in place, then {@code h[t] = (1 - z) * n + z * h[t-1]}.
   */
  static void candidateAndState(Step step) {
    double[] gates = step.gates();
    double[] h = step.hidden();
    int hs = step.hiddenSize();
    int width = step.gateWidth();
    int rows = step.rows();
    int n0 = step.gate(0, CANDIDATE);
    VectorMath.tanh(gates, n0, width, gates, n0, width, rows, hs);
    for (int r = 0; r < rows; r++) {
      int gz = step.gate(r, UPDATE);
      int gn = step.gate(r, CANDIDATE);
      int s = step.state(r);
      int sPrev = step.previousState(r);
      for (int j = 0; j < hs; j++) {
        double z = gates[gz + j];
        h[s + j] = (1 - z) * gates[gn + j] + z * h[sPrev + j];
      }
    }
  }

  @Override
  public void backward(Step step) {
    double[] gates = step.gates();
    double[] ah = step.recurrentProducts();
    double[] bh = step.recurrentBias();
    double[] h = step.hidden();
    double[] dh = step.dHidden();
    double[] direct = step.dHiddenDirect();
    double[] dax = step.dInputPre();
    double[] dah = step.dRecurrentPre();
    int hs = step.hiddenSize();
    int bn = CANDIDATE * hs;
    for (int row = 0; row < step.rows(); row++) {
      int gr = step.gate(row, RESET);
      int gz = step.gate(row, UPDATE);
      int gn = step.gate(row, CANDIDATE);
      int sPrev = step.previousState(row);
      int d = step.carried(row);
      for (int j = 0; j < hs; j++) {
        double r = gates[gr + j];
        double z = gates[gz + j];
        double n = gates[gn + j];
        int k = d + j;
        double hPrev = h[sPrev + j];
        double dnPre = dh[k] * (1 - z) * (1 - n * n);
        // h_n = h[t-1] W_hn^T + b_hn
        double drPre = dnPre * (ah[gn + j] + bh[bn + j]) * r * (1 - r);
        double dzPre = dh[k] * (hPrev - n) * z * (1 - z);
        dax[gr + j] = drPre;
        dax[gz + j] = dzPre;
        dax[gn + j] = dnPre;
        dah[gr + j] = drPre;
        dah[gz + j] = dzPre;
        dah[gn + j] = dnPre * r;
        direct[k] = dh[k] * z;
      }
    }
  }
}
