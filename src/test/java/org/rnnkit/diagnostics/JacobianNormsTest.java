package org.rnnkit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rnnkit.diagnostics.JacobianNorms.MatrixNorm;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Recurrent;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.nn.layer.State;

class JacobianNormsTest {

  /** J[t] by central differences: perturb h[t] as the initial state of the run over t+1..T-1. */
  @ParameterizedTest
  @EnumSource(CellType.class)
  void normsMatchFiniteDifferenceJacobians(CellType type) {
    int steps = 5;
    int h = 3;
    Random rng = new Random(8);
    var stack = new RecurrentStack(new RecurrentStack.Config(type, 2, h), new Random(9));
    Sequence x = new Sequence(steps, 1, 2);
    for (int i = 0; i < x.values().getNumElements(); i++) {
      x.values().data[i] = rng.nextGaussian();
    }
    var spectral = JacobianNorms.measure(stack, x, MatrixNorm.SPECTRAL).get(0);
    var frobenius = JacobianNorms.measure(stack, x, MatrixNorm.FROBENIUS).get(0);
    double[] expectedSpectral = new double[steps];
    double[] expectedFrobenius = new double[steps];
    Recurrent r = stack.recurrent(0, 0);
    for (int t = 0; t < steps; t++) {
      DMatrixRMaj j = finiteDifferenceJacobian(r, x, t, h);
      expectedSpectral[t] = NormOps_DDRM.normP2(j);
      expectedFrobenius[t] = NormOps_DDRM.normF(j);
    }
    assertArrayEquals(expectedSpectral, spectral.norms(), 1e-7);
    assertArrayEquals(expectedFrobenius, frobenius.norms(), 1e-7);
    assertEquals(1, spectral.norms()[steps - 1], 1e-12);
  }

  private static DMatrixRMaj finiteDifferenceJacobian(Recurrent r, Sequence x, int t, int h) {
    int steps = x.steps();
    DMatrixRMaj jac = new DMatrixRMaj(h, h);
    if (t == steps - 1) {
      return org.ejml.dense.row.CommonOps_DDRM.identity(h);
    }
    r.forward(x.stepSlice(0, t + 1), (State) null);
    State at = r.finalState();
    double eps = 1e-6;
    for (int k = 0; k < h; k++) {
      double[] plus = last(r, x, t, at, k, eps);
      double[] minus = last(r, x, t, at, k, -eps);
      for (int j = 0; j < h; j++) {
        jac.set(j, k, (plus[j] - minus[j]) / (2 * eps));
      }
    }
    return jac;
  }

  /** h[T-1] of the run over t+1..T-1 from h[t] with element k moved by delta. */
  private static double[] last(Recurrent r, Sequence x, int t, State at, int k, double delta) {
    DMatrixRMaj hidden = at.hidden().copy();
    hidden.data[k] += delta;
    State start = new State(hidden, at.memory() == null ? null : at.memory().copy());
    r.forward(x.stepSlice(t + 1, x.steps() - t - 1), start);
    return r.finalState().hidden().data.clone();
  }
}
