package org.rnnkit.nn;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Fills a weight matrix with its starting values. Recurrent weights stack one H-row block per gate
 * (PyTorch's layout), so every initializer receives the block height and treats each gate's block
 * on its own, as one would initialise separate per-gate matrices.
 */
@FunctionalInterface
public interface Initializer {

  /**
   * @param target Modified: every element is overwritten.
   * @param blockRows rows per gate block; {@code target.numRows} is a multiple of it
   * @param rng Modified: the source of randomness, seeded by the caller for reproducibility
   */
  void fill(DMatrixRMaj target, int blockRows, Random rng);

  /** Every element from {@code U(-bound, bound)}; PyTorch's RNN default uses 1/sqrt(H). */
  static Initializer uniform(double bound) {
    return (m, blockRows, rng) -> {
      for (int i = 0; i < m.getNumElements(); i++) {
        m.data[i] = (2 * rng.nextDouble() - 1) * bound;
      }
    };
  }

  /** Every element equal to {@code value}. */
  static Initializer constant(double value) {
    return (m, blockRows, rng) -> CommonOps_DDRM.fill(m, value);
  }

  /**
   * Glorot and Bengio (2010): {@code U(-a, a)} with {@code a = sqrt(6 / (fan_in + fan_out))}, per
   * gate block ({@code fan_in} = columns, {@code fan_out} = block rows).
   */
  static Initializer xavierUniform() {
    return (m, blockRows, rng) -> {
      double bound = Math.sqrt(6.0 / (m.numCols + blockRows));
      uniform(bound).fill(m, blockRows, rng);
    };
  }

  /**
   * Saxe et al. (2014): each gate block is a random orthogonal matrix (orthonormal rows or columns
   * when not square), from the QR decomposition of a standard normal matrix with the signs of R's
   * diagonal folded in so that the result is uniformly distributed.
   */
  static Initializer orthogonal() {
    return (m, blockRows, rng) -> {
      int cols = m.numCols;
      boolean tall = blockRows >= cols;
      int n = tall ? blockRows : cols;
      int k = tall ? cols : blockRows;
      DMatrixRMaj gauss = new DMatrixRMaj(n, k);
      DMatrixRMaj q = new DMatrixRMaj(n, k);
      DMatrixRMaj r = new DMatrixRMaj(k, k);
      for (int block = 0; block < m.numRows / blockRows; block++) {
        for (int i = 0; i < gauss.getNumElements(); i++) {
          gauss.data[i] = rng.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, k);
        if (!qr.decompose(gauss.copy())) {
          throw new IllegalStateException("QR decomposition failed for orthogonal init");
        }
        qr.getQ(q, true);
        qr.getR(r, true);
        for (int i = 0; i < blockRows; i++) {
          for (int j = 0; j < cols; j++) {
            // block is Q (tall) or Q^T (wide), column signs corrected by sign(R_jj)
            int qi = tall ? i : j;
            int qj = tall ? j : i;
            double sign = Math.signum(r.get(qj, qj)) < 0 ? -1 : 1;
            m.set(block * blockRows + i, j, q.get(qi, qj) * sign);
          }
        }
      }
    };
  }

  /** Each gate block is the identity (ones on its diagonal); Le, Jaitly and Hinton (2015). */
  static Initializer identity() {
    return (m, blockRows, rng) -> {
      m.zero();
      for (int block = 0; block < m.numRows / blockRows; block++) {
        for (int i = 0; i < Math.min(blockRows, m.numCols); i++) {
          m.set(block * blockRows + i, i, 1);
        }
      }
    };
  }
}
