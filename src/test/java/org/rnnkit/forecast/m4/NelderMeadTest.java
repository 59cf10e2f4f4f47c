package org.rnnkit.forecast.m4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NelderMeadTest {
  private static final NelderMead SEARCH = new NelderMead(Math.sqrt(Math.ulp(1.0)), 2000);

  @Test
  void findsTheMinimumOfAQuadraticBowl() {
    // f = (x - 1)^2 + 10 (y + 2)^2: minimum 0 at (1, -2). The search stops when the simplex's
    // values are within tol (|f0| + tol) = 1.5e-8 x 506 = 7.5e-6 of each other (R's rule), so the
    // point is only as close as sqrt(7.5e-6) = 2.7e-3
    var r =
        SEARCH.minimize(
            p -> Math.pow(p[0] - 1, 2) + 10 * Math.pow(p[1] + 2, 2), new double[] {5, 5});
    assertEquals(1, r.point()[0], 3e-3);
    assertEquals(-2, r.point()[1], 3e-3);
    assertTrue(r.value() < 7.5e-6, "value " + r.value());
  }

  @Test
  void treatsAnInfiniteValueAsAWallAndStopsAtTheBoundary() {
    // f = (x - 3)^2 for x <= 2, infinite beyond: the minimum is at the wall x = 2
    var r =
        SEARCH.minimize(
            p -> p[0] > 2 ? Double.POSITIVE_INFINITY : Math.pow(p[0] - 3, 2), new double[] {0});
    assertEquals(2, r.point()[0], 1e-4);
    assertEquals(1, r.value(), 2e-4);
  }

  @Test
  void stopsAtTheEvaluationBudget() {
    var limited = new NelderMead(0, 30);
    var r =
        limited.minimize(p -> Math.pow(p[0] - 1, 2) + Math.pow(p[1] - 1, 2), new double[] {0, 0});
    // the budget is checked after each iteration, which costs at most n + 2 = 4 evaluations
    assertTrue(r.evaluations() > 30 && r.evaluations() <= 34, "evaluations " + r.evaluations());
  }

  @Test
  void refusesAStartWhereTheObjectiveIsNotFinite() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SEARCH.minimize(p -> Double.NaN, new double[] {1}));
    assertTrue(e.getMessage().contains("starting point"), e.getMessage());
  }
}
