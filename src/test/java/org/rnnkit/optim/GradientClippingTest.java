package org.rnnkit.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnkit.nn.Parameter;

/**
 * Clipping on hand-computed gradients: {@code a} has gradient (3, 4) and {@code b} has (12), so the
 * global norm is sqrt(9 + 16 + 144) = 13.
 */
class GradientClippingTest {

  private static List<Parameter> gradients(double[] a, double[] b) {
    Parameter pa = new Parameter("a", 1, a.length);
    Parameter pb = new Parameter("b", 1, b.length);
    System.arraycopy(a, 0, pa.grad().data, 0, a.length);
    System.arraycopy(b, 0, pb.grad().data, 0, b.length);
    return List.of(pa, pb);
  }

  private static List<Parameter> thirteen() {
    return gradients(new double[] {3, 4}, new double[] {12});
  }

  @Test
  void globalNormIsTheNormOfAllGradientsAsOneVector() {
    assertEquals(13, GradientClipping.globalNorm(thirteen()), 1e-15);
    assertEquals(0, GradientClipping.globalNorm(gradients(new double[2], new double[1])));
    assertEquals(0, GradientClipping.globalNorm(List.of()));
  }

  @Test
  void globalNormDoesNotOverflowWhenTheNormIsRepresentable() {
    // ||(3e200, 4e200)|| = 5e200, though 9e400 overflows a double
    double norm =
        GradientClipping.globalNorm(gradients(new double[] {3e200, 4e200}, new double[1]));
    assertEquals(5e200, norm, 5e200 * 1e-15);
  }

  @Test
  void globalNormIsNanOrInfiniteWhenAGradientIs() {
    assertTrue(
        Double.isNaN(
            GradientClipping.globalNorm(
                gradients(new double[] {Double.POSITIVE_INFINITY, Double.NaN}, new double[1]))));
    assertEquals(
        Double.POSITIVE_INFINITY,
        GradientClipping.globalNorm(
            gradients(new double[] {1, Double.NEGATIVE_INFINITY}, new double[1])));
  }

  @Test
  void clipByNormScalesEveryGradientByMaxNormOverNormPlusEpsilon() {
    List<Parameter> p = thirteen();
    double before = GradientClipping.byNorm(6.5).apply(p);
    assertEquals(13, before, 1e-15);
    // c = 6.5 / (13 + 1e-6), as clip_grad_norm_
    double c = 6.5 / (13 + 1e-6);
    assertArrayEquals(new double[] {3 * c, 4 * c}, p.get(0).grad().data, 1e-15);
    assertArrayEquals(new double[] {12 * c}, p.get(1).grad().data, 1e-15);
    assertEquals(6.5, GradientClipping.globalNorm(p), 1e-6);
  }

  @Test
  void clipByNormLeavesGradientsBelowTheLimitUnchanged() {
    List<Parameter> p = thirteen();
    // c = 13 / (13 + 1e-6) < 1 would still shrink them; 14 gives c > 1
    assertEquals(13, GradientClipping.byNorm(14).apply(p), 1e-15);
    assertArrayEquals(new double[] {3, 4}, p.get(0).grad().data);
    assertArrayEquals(new double[] {12}, p.get(1).grad().data);
  }

  @Test
  void clipByValueClampsEachElementAndReturnsTheNormBefore() {
    List<Parameter> p = gradients(new double[] {3, -4}, new double[] {-12});
    assertEquals(13, GradientClipping.byValue(3.5).apply(p), 1e-15);
    assertArrayEquals(new double[] {3, -3.5}, p.get(0).grad().data);
    assertArrayEquals(new double[] {-3.5}, p.get(1).grad().data);
  }

  @Test
  void failOnNonFiniteThrowsBeforeChangingAnyGradient() {
    List<Parameter> p = gradients(new double[] {3, 4}, new double[] {Double.NaN});
    NonFiniteGradientException e =
        assertThrows(
            NonFiniteGradientException.class,
            () -> GradientClipping.byNorm(1).failOnNonFinite().apply(p));
    assertTrue(Double.isNaN(e.norm()));
    assertTrue(e.getMessage().contains("b, element 0, which is NaN"), e.getMessage());
    assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    assertArrayEquals(new double[] {3, 4}, p.get(0).grad().data);
    assertThrows(
        NonFiniteGradientException.class,
        () -> GradientClipping.byValue(1).failOnNonFinite().apply(p));
  }

  @Test
  void withoutTheGuardANonFiniteNormIsReturnedAndNormClippingSkipped() {
    List<Parameter> p = gradients(new double[] {3, 4}, new double[] {Double.POSITIVE_INFINITY});
    assertEquals(Double.POSITIVE_INFINITY, GradientClipping.byNorm(1).apply(p));
    assertArrayEquals(new double[] {3, 4}, p.get(0).grad().data);
  }

  @Test
  void rejectsLimitsThatAreNotPositive() {
    IllegalArgumentException norm =
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byNorm(0));
    assertEquals(
        "max norm must be > 0, got 0.0; values around 1 to 5 are usual for recurrent networks",
        norm.getMessage());
    IllegalArgumentException value =
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byValue(Double.NaN));
    assertTrue(value.getMessage().startsWith("max value must be > 0, got NaN"), value.getMessage());
  }
}
