package org.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Recurrent;
import org.rnnkit.nn.layer.RecurrentStack;

class InitializerTest {

  @Test
  void pytorchDefaultIsUniformWithinOneOverSqrtHidden() {
    var stack = new RecurrentStack(new RecurrentStack.Config(CellType.LSTM, 3, 16), new Random(1));
    double bound = 1 / Math.sqrt(16);
    double max = 0;
    for (Parameter p : stack.parameters()) {
      for (double v : p.value().data) {
        assertTrue(Math.abs(v) <= bound, p.name() + " has " + v);
        max = Math.max(max, Math.abs(v));
      }
    }
    assertTrue(max > 0.9 * bound, "values should fill the interval, max was " + max);
  }

  @Test
  void sameSeedGivesSameWeights() {
    var config = new RecurrentStack.Config(CellType.GRU, 2, 5, 2, true, true);
    var a = new RecurrentStack(config, new Random(42));
    var b = new RecurrentStack(config, new Random(42));
    for (int i = 0; i < a.parameters().size(); i++) {
      assertArrayEquals(a.parameters().get(i).value().data, b.parameters().get(i).value().data, 0);
    }
  }

  @Test
  void orthogonalGivesOrthonormalGateBlocks() {
    DMatrixRMaj w = new DMatrixRMaj(12, 3);
    Initializer.orthogonal().fill(w, 3, new Random(5));
    for (int block = 0; block < 4; block++) {
      DMatrixRMaj q = CommonOps_DDRM.extract(w, block * 3, block * 3 + 3, 0, 3);
      DMatrixRMaj qtq = new DMatrixRMaj(3, 3);
      CommonOps_DDRM.multTransA(q, q, qtq);
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          assertEquals(i == j ? 1 : 0, qtq.get(i, j), 1e-12, "block " + block);
        }
      }
    }
    DMatrixRMaj wide = new DMatrixRMaj(2, 5);
    Initializer.orthogonal().fill(wide, 2, new Random(6));
    DMatrixRMaj rrt = new DMatrixRMaj(2, 2);
    CommonOps_DDRM.multTransB(wide, wide, rrt);
    assertEquals(1, rrt.get(0, 0), 1e-12);
    assertEquals(0, rrt.get(0, 1), 1e-12);
  }

  @Test
  void identityPutsOnesOnEachBlockDiagonal() {
    DMatrixRMaj w = new DMatrixRMaj(4, 2);
    Initializer.identity().fill(w, 2, new Random(0));
    assertArrayEquals(new double[] {1, 0, 0, 1, 1, 0, 0, 1}, w.data, 0);
  }

  @Test
  void xavierBoundUsesFanInAndGateBlockFanOut() {
    DMatrixRMaj w = new DMatrixRMaj(8, 6);
    Initializer.xavierUniform().fill(w, 2, new Random(3));
    double bound = Math.sqrt(6.0 / (6 + 2));
    for (double v : w.data) {
      assertTrue(Math.abs(v) <= bound);
    }
  }

  @Test
  void forgetGateBiasIsRaisedOnlyInTheForgetBlock() {
    var lstm = new Recurrent(CellType.LSTM.create(), 1, 2, true, false, "_l0");
    lstm.initialize(
        Initializer.constant(0), Initializer.constant(0), Initializer.constant(0), new Random(0));
    lstm.raiseForgetGateBias(1);
    // rows i, i, f, f, g, g, o, o
    assertArrayEquals(
        new double[] {0, 0, 1, 1, 0, 0, 0, 0}, lstm.parameters().get(2).value().data, 0);
  }
}
