package org.rnnkit.diagnostics;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.rnnkit.nn.layer.Recurrent;

/**
 * Records {@code ||dL/dh[t]||} for every step t of a {@link Recurrent} layer's latest backward
 * pass, as the mean over the batch of each sequence's L2 norm:
 *
 * <pre>
 *   norm[t] = (1/B) sum_b || dL/dh[t]_b ||_2
 * </pre>
 *
 * <p>Attach it with {@link #attach}; it is filled by the ordinary backward pass, so recording costs
 * one pass over {@code B x H} numbers per step. Padded steps have zero gradient and lower the mean;
 * measure on batches of one length.
 */
public final class HiddenGradientRecorder implements Recurrent.HiddenGradientObserver {
  private double[] norms = new double[0];

  /** A recorder attached to {@code layer}, replacing any observer it had. */
  public static HiddenGradientRecorder attach(Recurrent layer) {
    HiddenGradientRecorder recorder = new HiddenGradientRecorder();
    layer.setHiddenGradientObserver(recorder);
    return recorder;
  }

  @Override
  public void onHiddenGradient(int step, DMatrixRMaj dHidden) {
    if (step >= norms.length) {
      norms = Arrays.copyOf(norms, step + 1);
    }
    norms[step] = meanRowNorm(dHidden);
  }

  /** {@code ||dL/dh[t]||} for t = 0..T-1 of the latest backward (a copy). */
  public double[] norms() {
    return norms.clone();
  }

  /** Forgets what was recorded. */
  public void clear() {
    norms = new double[0];
  }

  /** {@code (1/B) sum_b ||row_b||_2} of a {@code B x H} matrix. */
  static double meanRowNorm(DMatrixRMaj m) {
    double sum = 0;
    for (int r = 0; r < m.numRows; r++) {
      double squares = 0;
      for (int c = 0; c < m.numCols; c++) {
        double v = m.data[r * m.numCols + c];
        squares += v * v;
      }
      sum += Math.sqrt(squares);
    }
    return sum / m.numRows;
  }
}
