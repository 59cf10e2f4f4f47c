package org.rnnkit.nn.cell;

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
 *
 * <p>The gates r and z, the state update and their backward (up to {@code dx_n}) are shared with
 * {@link ResetBeforeGruCell}; this class writes the candidate's pre-activation and the gradients
 * through r.
 */
public final class GruCell extends GatedRecurrentUnit {

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

  /** The shared part, then {@code dh_n = dx_n r}, {@code dr = dx_n h_n}. */
  @Override
  public void backward(Step step) {
    updateAndCandidateBackward(step);
    double[] gates = step.gates();
    double[] ah = step.recurrentProducts();
    double[] bh = step.recurrentBias();
    double[] dax = step.dInputPre();
    double[] dah = step.dRecurrentPre();
    int hs = step.hiddenSize();
    int bn = CANDIDATE * hs;
    for (int row = 0; row < step.rows(); row++) {
      int gr = step.gate(row, RESET);
      int gn = step.gate(row, CANDIDATE);
      for (int j = 0; j < hs; j++) {
        double r = gates[gr + j];
        double dnPre = dax[gn + j];
        // h_n = h[t-1] W_hn^T + b_hn
        double drPre = dnPre * (ah[gn + j] + bh[bn + j]) * r * (1 - r);
        dax[gr + j] = drPre;
        dah[gr + j] = drPre;
        dah[gn + j] = dnPre * r;
      }
    }
  }
}
