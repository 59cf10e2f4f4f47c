package org.rnnkit.nn.cell;

import org.rnnkit.nn.VectorMath;

/**
 * What the two forms of the gated recurrent unit ({@link GruCell}, reset after the recurrent
 * product, and {@link ResetBeforeGruCell}, reset before it) share: the gate order, the reset and
 * update gates, the candidate's {@code tanh} and the state update, and their backward. The forms
 * differ only in how the reset gate r enters the candidate's pre-activation {@code a_n}, so each
 * form writes {@code a_n} and, in backward, the gradients through r.
 *
 * <pre>
 *   r = sigmoid(x_r + h_r)    z = sigmoid(x_z + h_z)          (resetAndUpdateGates)
 *   n = tanh(a_n)             h[t] = (1 - z) * n + z * h[t-1]  (candidateAndState)
 *   backward, given dh = dL/dh[t]:                            (updateAndCandidateBackward)
 *     da_z = dh (h[t-1] - n) z (1 - z),   da_n = dh (1 - z) (1 - n^2),   dL/dh[t-1] = dh z + (the form's part)
 * </pre>
 *
 * <p>Gate order inside the packed weights and biases: r, z, n, as PyTorch.
 */
abstract sealed class GatedRecurrentUnit implements Cell permits GruCell, ResetBeforeGruCell {
  static final int RESET = 0;
  static final int UPDATE = 1;
  static final int CANDIDATE = 2;

  @Override
  public final String name() {
    return "gru";
  }

  @Override
  public final int gateCount() {
    return 3;
  }

  @Override
  public final boolean hasMemory() {
    return false;
  }

  @Override
  public final boolean sumsPreActivations() {
    return false;
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
   * {@code n = tanh(a_n)} in place of its pre-activation, then {@code h[t] = (1 - z) * n + z *
   * h[t-1]}.
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

  /**
   * Backward through {@link #candidateAndState} and z's sigmoid: {@code da_z = dh (h[t-1] - n) z (1
   * - z)} into both {@code dL/da_x} and {@code dL/da_h} (z sees them only through their sum),
   * {@code da_n = dh (1 - z) (1 - n^2)} into {@code dL/da_x}, and the direct part {@code dL/dh[t-1]
   * = dh z}. The form then writes the reset gate's gradients and the candidate's block of {@code
   * dL/da_h}.
   */
  static void updateAndCandidateBackward(Step step) {
    double[] gates = step.gates();
    double[] h = step.hidden();
    double[] dh = step.dHidden();
    double[] direct = step.dHiddenDirect();
    double[] dax = step.dInputPre();
    double[] dah = step.dRecurrentPre();
    int hs = step.hiddenSize();
    for (int row = 0; row < step.rows(); row++) {
      int gz = step.gate(row, UPDATE);
      int gn = step.gate(row, CANDIDATE);
      int sPrev = step.previousState(row);
      int d = step.carried(row);
      for (int j = 0; j < hs; j++) {
        double z = gates[gz + j];
        double n = gates[gn + j];
        int k = d + j;
        double dzPre = dh[k] * (h[sPrev + j] - n) * z * (1 - z);
        dax[gz + j] = dzPre;
        dah[gz + j] = dzPre;
        dax[gn + j] = candidatePreGradient(dh[k], z, n);
        direct[k] = dh[k] * z;
      }
    }
  }

  /** {@code da_n = dh (1 - z) (1 - n^2)}: the gradient of the candidate's pre-activation. */
  static double candidatePreGradient(double dh, double z, double n) {
    return dh * (1 - z) * (1 - n * n);
  }
}
