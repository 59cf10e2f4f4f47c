package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTest {
  private static final Example ONE_STEP = Example.of(new double[][] {{1}}, new double[][] {{2}});
  private static final Example PER_STEP =
      Example.of(new double[][] {{1}, {2}, {3}}, new double[][] {{2}, {3}, {4}});
  private static final Example MANY_TO_ONE =
      Example.of(new double[][] {{1}, {2}}, new double[][] {{9}});

  @Test
  void padsToTheLongestAndRecordsLengthsInEitherOrder() {
    for (List<Example> order : List.of(List.of(ONE_STEP, PER_STEP), List.of(PER_STEP, ONE_STEP))) {
      Batch b = Batch.of(order);
      assertEquals(3, b.input().steps());
      assertEquals(2, b.size());
      int[] expected = order.get(0) == ONE_STEP ? new int[] {1, 3} : new int[] {3, 1};
      assertArrayEquals(expected, b.input().lengths());
      assertArrayEquals(expected, b.target().lengths());
    }
  }

  @Test
  void equalLengthsNeedNoMaskAndMixedKindsAreRejected() {
    assertNull(Batch.of(List.of(PER_STEP, PER_STEP)).input().lengths());
    assertThrows(IllegalArgumentException.class, () -> Batch.of(List.of(PER_STEP, MANY_TO_ONE)));
    assertThrows(IllegalArgumentException.class, () -> Batch.of(List.of()));
  }
}
