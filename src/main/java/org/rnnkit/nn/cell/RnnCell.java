package org.rnnkit.nn.cell;

import org.rnnkit.nn.Activation;
import org.rnnkit.nn.VectorMath;

/**
 * The Elman (vanilla) recurrent cell, as {@code torch.nn.RNN}:
 *
 * <pre>
 *   h[t] = act(x[t] W_ih^T + b_ih + h[t-1] W_hh^T + b_hh),   act = tanh or relu
 * </pre>
 *
 * <table>
 *   <caption>Shapes (G = 1)</caption>
 *   <tr><td>x[t]</td><td>B x I</td></tr>
 *   <tr><td>h[t]</td><td>B x H</td></tr>
 *   <tr><td>W_ih, W_hh</td><td>H x I, H x H</td></tr>
 *   <tr><td>b_ih, b_hh</td><td>1 x H</td></tr>
 * </table>
 *
 * <p>Default initialisation (PyTorch): every weight and bias from {@code U(-1/sqrt(H), 1/sqrt(H))}.
 * For relu, the identity recurrent matrix of Le, Jaitly and Hinton (2015), "A simple way to
 * initialize recurrent networks of rectified linear units", often trains better.
 *
 * <p>Backward: {@code da = dh * act'(h[t])}, and {@code dL/da_x = dL/da_h = da}.
 */
public final class RnnCell implements Cell {
  private final Activation activation;

  /**
   * @param activation {@link Activation#TANH} or {@link Activation#RELU}
   */
  public RnnCell(Activation activation) {
    if (activation != Activation.TANH && activation != Activation.RELU) {
      throw new IllegalArgumentException(
          "an RNN cell takes tanh or relu (as torch.nn.RNN), got " + activation);
    }
    this.activation = activation;
  }

  public Activation activation() {
    return activation;
  }

  @Override
  public String name() {
    return activation == Activation.TANH ? "rnn_tanh" : "rnn_relu";
  }

  @Override
  public int gateCount() {
    return 1;
  }

  @Override
  public boolean hasMemory() {
    return false;
  }

  @Override
  public boolean sumsPreActivations() {
    return true;
  }

  @Override
  public void forward(Step step) {
    step.sumPreActivations();
    // with G = 1 the view's rows are contiguous in the gates and in h
    double[] a = step.gates();
    double[] h = step.hidden();
    int first = step.gate(0, 0);
    int out = step.state(0);
    int count = step.rows() * step.hiddenSize();
    if (activation == Activation.TANH) {
      // h[t] = tanh(a_x + a_h)
      VectorMath.tanh(a, first, h, out, count);
    } else {
      for (int k = 0; k < count; k++) {
        // h[t] = relu(a_x + a_h); NaN stays NaN, as torch.relu
        h[out + k] = Math.max(a[first + k], 0);
      }
    }
  }

  @Override
  public void backward(Step step) {
    double[] h = step.hidden();
    double[] dh = step.dHidden();
    double[] da = step.dInputPre();
    int first = step.gate(0, 0);
    int out = step.state(0);
    int carried = step.carried(0);
    int count = step.rows() * step.hiddenSize();
    boolean tanh = activation == Activation.TANH;
    for (int k = 0; k < count; k++) {
      double y = h[out + k];
      // da = dh * act'(h[t])
      da[first + k] = dh[carried + k] * (tanh ? 1 - y * y : (y > 0 ? 1 : 0));
    }
  }
}
