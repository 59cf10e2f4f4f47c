package org.rnnkit.nn.cell;

/**
 * Gated recurrent unit with the reset gate applied before the recurrent product, as in the paper
 * (Cho et al. 2014, "Learning phrase representations using RNN encoder-decoder", eq. 8) and Keras's
 * {@code GRU(reset_after=False)}:
 *
 * <pre>
 *   [x_r x_z x_n] = x[t] W_ih^T + b_ih,    h_r, h_z = h[t-1] W_h{r,z}^T + b_h{r,z}
 *   r = sigmoid(x_r + h_r)    z = sigmoid(x_z + h_z)
 *   s[t] = r * h[t-1]                                   (the gated state)
 *   n = tanh(x_n + s[t] W_hn^T + b_hn)
 *   h[t] = (1 - z) * n + z * h[t-1]
 * </pre>
 *
 * <p>Shapes, gate order (r, z, n), parameter names and initialisation are {@link GruCell}'s, so the
 * two forms have the same parameters and differ only in where r acts (the rest of the step, forward
 * and backward, is the two forms' shared code). The candidate's recurrent product depends on r, so
 * the layer takes it per step after {@link #forwardGate} ({@link #gatedBlock()} is the candidate's
 * block): the layer's ordinary product {@code h[t-1] W_hn^T} of that block is computed and unused,
 * a third of the recurrent product.
 *
 * <p>Backward: {@code da_n = dh (1 - z) (1 - n^2)} ({@code dx_n}, and {@code dL/d(s W_hn^T)}, which
 * the layer turns into {@code ds = da_n W_hn}); {@code dr = ds h[t-1]}, {@code dz = dh (h[t-1] -
 * n)}; the direct part {@code dL/dh[t-1] += dh z + ds r}; {@code dh_r}, {@code dh_z} equal {@code
 * dx_r}, {@code dx_z}, and the candidate's block of {@code dL/da_h} is 0 (its {@code W_hn} and
 * {@code b_hn} get their gradients from the gated product).
 */
public final class ResetBeforeGruCell extends GatedRecurrentUnit {

  @Override
  public int gatedBlock() {
    return CANDIDATE;
  }

  /** r, z; then {@code s[t] = r * h[t-1]}. */
  @Override
  public void forwardGate(Step step) {
    double[] gates = step.gates();
    double[] h = step.hidden();
    double[] gated = step.gatedState();
    int hs = step.hiddenSize();
    int rows = step.rows();
    resetAndUpdateGates(step);
    for (int row = 0; row < rows; row++) {
      int gr = step.gate(row, RESET);
      int s = step.state(row);
      int sPrev = step.previousState(row);
      for (int j = 0; j < hs; j++) {
        // s[t] = r * h[t-1]
        gated[s + j] = gates[gr + j] * h[sPrev + j];
      }
    }
  }

  @Override
  public void forward(Step step) {
    double[] ax = step.inputProducts();
    double[] bx = step.inputBias();
    double[] bh = step.recurrentBias();
    double[] gatedProducts = step.gatedProducts();
    double[] gates = step.gates();
    int hs = step.hiddenSize();
    int rows = step.rows();
    int bn = CANDIDATE * hs;
    for (int r = 0; r < rows; r++) {
      int gn = step.gate(r, CANDIDATE);
      int s = step.state(r);
      for (int j = 0; j < hs; j++) {
        // pre-activation of n: x_n + s[t] W_hn^T + b_hn
        gates[gn + j] = ax[gn + j] + bx[bn + j] + gatedProducts[s + j] + bh[bn + j];
      }
    }
    candidateAndState(step);
  }

  /** {@code da_n = dh (1 - z) (1 - n^2)}: the gradient of the candidate's gated product. */
  @Override
  public void backwardGate(Step step) {
    double[] gates = step.gates();
    double[] dh = step.dHidden();
    double[] dGated = step.dGatedProducts();
    int hs = step.hiddenSize();
    for (int row = 0; row < step.rows(); row++) {
      int gz = step.gate(row, UPDATE);
      int gn = step.gate(row, CANDIDATE);
      int s = step.state(row);
      int d = step.carried(row);
      for (int j = 0; j < hs; j++) {
        dGated[s + j] = candidatePreGradient(dh[d + j], gates[gz + j], gates[gn + j]);
      }
    }
  }

  /** The shared part, then {@code dr = ds h[t-1]} and the direct part {@code += ds r}. */
  @Override
  public void backward(Step step) {
    updateAndCandidateBackward(step);
    double[] gates = step.gates();
    double[] h = step.hidden();
    double[] ds = step.dGatedState();
    double[] direct = step.dHiddenDirect();
    double[] dax = step.dInputPre();
    double[] dah = step.dRecurrentPre();
    int hs = step.hiddenSize();
    for (int row = 0; row < step.rows(); row++) {
      int gr = step.gate(row, RESET);
      int gn = step.gate(row, CANDIDATE);
      int s = step.state(row);
      int sPrev = step.previousState(row);
      int d = step.carried(row);
      for (int j = 0; j < hs; j++) {
        double r = gates[gr + j];
        double drPre = ds[s + j] * h[sPrev + j] * r * (1 - r);
        dax[gr + j] = drPre;
        dah[gr + j] = drPre;
        // W_hn and b_hn get their gradients from the gated product
        dah[gn + j] = 0;
        // h[t-1] reaches h[t] through z and through s[t] = r * h[t-1]
        direct[d + j] += ds[s + j] * r;
      }
    }
  }
}
