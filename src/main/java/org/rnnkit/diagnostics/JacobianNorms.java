package org.rnnkit.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.layer.Recurrent;
import org.rnnkit.nn.layer.RecurrentStack;

/**
 * The norms of the state-to-state Jacobians {@code J[t] = dh[T]/dh[t]} ({@code H x H}) of every
 * recurrent layer, for every step t, as the mean over the batch of each sequence's norm. {@code
 * J[T] = I}; {@code J[t] = J[t+1] dh[t+1]/dh[t]} is the product of one-step Jacobians whose
 * shrinking or growth is the vanishing or exploding gradient.
 *
 * <p>Row j of {@code J[t]} is {@code dL/dh[t]} for the loss {@code L = h[T]_j}, so the H rows come
 * from H ordinary backward passes of the layer (all sequences of the batch at once). Within a layer
 * {@code h[T]} depends on {@code h[t]} only through that layer's recurrence, so a stack's layers
 * are measured one by one. For a reverse layer, T is its last step in processing order (input step
 * 0).
 */
public final class JacobianNorms {
  private JacobianNorms() {}

  /** Which matrix norm of {@code J[t]}. */
  public enum MatrixNorm {
    /** The spectral norm, the largest singular value: the most any direction can be stretched. */
    SPECTRAL,
    /** The Frobenius norm, {@code sqrt(sum J_ij^2)}: at most sqrt(H) times the spectral norm. */
    FROBENIUS
  }

  /**
   * @param layer the parameter-name suffix, e.g. {@code l0}
   * @param norms {@code ||dh[T]/dh[t]||} for t = 0..T-1 in input order, mean over the batch
   */
  public record LayerJacobians(String layer, MatrixNorm norm, double[] norms) {}

  /**
   * Runs {@code stack} on {@code input} (inference mode) and measures every layer-direction.
   *
   * @param stack Not modified: its parameter gradients are restored afterwards.
   * @param input Not modified. {@code T x B x I}, one length for every sequence.
   */
  public static List<LayerJacobians> measure(
      RecurrentStack stack, Sequence input, MatrixNorm norm) {
    stack.forward(input, null, false);
    List<LayerJacobians> out = new ArrayList<>();
    for (Recurrent r : stack.recurrents()) {
      out.add(
          new LayerJacobians(
              GradientFlow.label(r), norm, ofLatestForward(r, input.steps(), input.batch(), norm)));
    }
    return out;
  }

  /**
   * The Jacobian norms of one layer's latest forward.
   *
   * @param layer Not modified: its parameter gradients are restored afterwards.
   * @param steps T of the latest forward
   * @param batch B of the latest forward
   */
  public static double[] ofLatestForward(Recurrent layer, int steps, int batch, MatrixNorm norm) {
    int h = layer.hiddenSize();
    List<DMatrixRMaj> saved = layer.parameters().stream().map(p -> p.grad().copy()).toList();
    // rows[t][b] is J[t] of sequence b, filled one row j per backward pass
    DMatrixRMaj[][] jacobians = new DMatrixRMaj[steps][batch];
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < batch; b++) {
        jacobians[t][b] = new DMatrixRMaj(h, h);
      }
    }
    int anchor = layer.isReverse() ? 0 : steps - 1;
    try {
      for (int j = 0; j < h; j++) {
        int row = j;
        layer.setHiddenGradientObserver(
            (t, dHidden) -> {
              for (int b = 0; b < batch; b++) {
                System.arraycopy(dHidden.data, b * h, jacobians[t][b].data, row * h, h);
              }
            });
        // L = h[T]_j for every sequence
        Sequence seed = new Sequence(steps, batch, h);
        for (int b = 0; b < batch; b++) {
          seed.set(anchor, b, j, 1);
        }
        layer.backward(seed);
      }
    } finally {
      layer.setHiddenGradientObserver(null);
      List<Parameter> parameters = layer.parameters();
      for (int i = 0; i < parameters.size(); i++) {
        parameters.get(i).grad().setTo(saved.get(i));
      }
    }
    double[] norms = new double[steps];
    for (int t = 0; t < steps; t++) {
      double sum = 0;
      for (int b = 0; b < batch; b++) {
        sum +=
            norm == MatrixNorm.SPECTRAL
                ? NormOps_DDRM.normP2(jacobians[t][b])
                : NormOps_DDRM.normF(jacobians[t][b]);
      }
      norms[t] = sum / batch;
    }
    return norms;
  }
}
