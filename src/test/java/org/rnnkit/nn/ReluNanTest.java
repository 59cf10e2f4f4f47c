package org.rnnkit.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Recurrent;

/** relu propagates NaN as torch.relu does (a NaN weight must not be hidden as a zero). */
class ReluNanTest {
  @Test
  void reluOfNanIsNan() {
    assertTrue(Double.isNaN(Activation.RELU.apply(Double.NaN)));
    assertEquals(0.0, Activation.RELU.apply(-2.0));
    assertEquals(0.0, Activation.RELU.apply(-0.0));
    assertEquals(3.0, Activation.RELU.apply(3.0));
  }

  @Test
  void aReluRnnWithANanWeightOutputsNan() {
    Recurrent layer = new Recurrent(CellType.RNN_RELU.create(), 1, 2, true, false, "_l0");
    layer.initialize(new Random(1));
    layer.parameters().get(0).value().data[0] = Double.NaN; // weight_ih_l0[0, 0]
    Sequence x = Sequence.fromBatchFirst(new double[][][] {{{1.0}, {-1.0}}});
    Sequence h = layer.forward(x, false);
    assertTrue(Double.isNaN(h.values().data[0]), h.values().toString());
  }
}
