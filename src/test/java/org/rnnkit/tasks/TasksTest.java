package org.rnnkit.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rnnkit.data.Example;
import org.rnnkit.nn.Sequence;

class TasksTest {

  private static void assertSameExamples(List<Example> a, List<Example> b) {
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).input().values().data, b.get(i).input().values().data);
      assertArrayEquals(a.get(i).target().values().data, b.get(i).target().values().data);
    }
  }

  @Test
  void generatorsAreDeterministicPerSeed() {
    for (Task task :
        List.of(new AddingProblem(20), new CopyMemory(15, 4, 8), new EmbeddedReber(12))) {
      assertSameExamples(task.generate(20, new Random(3)), task.generate(20, new Random(3)));
      Example other = task.generate(1, new Random(4)).get(0);
      assertFalse(
          java.util.Arrays.equals(
              task.generate(1, new Random(3)).get(0).input().values().data,
              other.input().values().data),
          task.name());
    }
  }

  @Test
  void addingTargetIsTheSumOfTheTwoMarkedValues() {
    int length = 30;
    for (Example e : new AddingProblem(length).generate(200, new Random(1))) {
      Sequence x = e.input();
      assertEquals(length, x.steps());
      int firstHalf = 0;
      int secondHalf = 0;
      double sum = 0;
      for (int t = 0; t < length; t++) {
        double v = x.get(t, 0, 0);
        assertTrue(v >= 0 && v < 1);
        if (x.get(t, 0, 1) == 1) {
          sum += v;
          if (t < length / 2) {
            firstHalf++;
          } else {
            secondHalf++;
          }
        } else {
          assertEquals(0, x.get(t, 0, 1));
        }
      }
      assertEquals(1, firstHalf);
      assertEquals(1, secondHalf);
      assertEquals(1, e.target().steps());
      assertEquals(sum, e.target().get(0, 0, 0), 0);
    }
  }

  @Test
  void addingBaselineOfPredictingTheMeanIsAboutOneSixth() {
    double sum = 0;
    List<Example> data = new AddingProblem(10).generate(20_000, new Random(2));
    for (Example e : data) {
      double d = e.target().get(0, 0, 0) - 1;
      sum += d * d;
    }
    assertEquals(AddingProblem.BASELINE_MSE, sum / data.size(), 0.005);
  }

  @Test
  void copyTargetRepeatsTheSymbolsAfterTheDelimiter() {
    int delay = 12;
    int k = 3;
    int alphabet = 5;
    CopyMemory task = new CopyMemory(delay, k, alphabet);
    for (Example e : task.generate(50, new Random(1))) {
      Sequence x = e.input();
      assertEquals(delay + 2 * k, x.steps());
      assertEquals(alphabet + 2, x.features());
      for (int t = 0; t < x.steps(); t++) {
        int symbol = argmax(x, t);
        int target = (int) e.target().get(t, 0, 0);
        if (t < k) {
          assertTrue(symbol >= 1 && symbol <= alphabet);
          assertEquals(symbol, (int) e.target().get(delay + k + t, 0, 0));
        } else if (t == k + delay - 1) {
          assertEquals(alphabet + 1, symbol, "delimiter");
        } else {
          assertEquals(0, symbol, "blank at " + t);
        }
        if (t < delay + k) {
          assertEquals(0, target, "blank target at " + t);
        }
      }
    }
  }

  @Test
  void reberStringsFollowTheGrammarAndAreLongEnough() {
    for (int length : new int[] {9, 20, 50}) {
      EmbeddedReber task = new EmbeddedReber(length);
      Random rng = new Random(length);
      for (int i = 0; i < 100; i++) {
        int[] s = task.sample(rng);
        assertTrue(s.length >= length);
        int[] allowed = EmbeddedReber.allowedNext(s);
        for (int t = 0; t + 1 < s.length; t++) {
          assertTrue((allowed[t] & (1 << s[t + 1])) != 0, "symbol " + (t + 1) + " allowed");
        }
        assertEquals(s[1], s[s.length - 2], "the embedded symbol is repeated");
      }
    }
  }

  @Test
  void reberAllowedSetsOfAKnownString() {
    // B T B P V V E T E
    String text = "BTBPVVETE";
    int[] s = text.chars().map(ch -> EmbeddedReber.SYMBOLS.indexOf(ch)).toArray();
    int[] allowed = EmbeddedReber.allowedNext(s);
    String[] expected = {"TP", "B", "TP", "TV", "PV", "E", "T", "E", ""};
    for (int t = 0; t + 1 < s.length; t++) {
      StringBuilder got = new StringBuilder();
      for (int k = 0; k < EmbeddedReber.SYMBOLS.length(); k++) {
        if ((allowed[t] & (1 << k)) != 0) {
          got.append(EmbeddedReber.SYMBOLS.charAt(k));
        }
      }
      assertEquals(expected[t], got.toString(), "after " + text.substring(0, t + 1));
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> EmbeddedReber.allowedNext(new int[] {0, 1, 0, 3}),
        "S cannot follow B inside the grammar");
  }

  @Test
  void badLengthsFailWithTheirNames() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new AddingProblem(1))
            .getMessage()
            .contains("T >= 2"));
    assertThrows(IllegalArgumentException.class, () -> new EmbeddedReber(5));
    assertThrows(IllegalArgumentException.class, () -> new CopyMemory(0, 3, 8));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> CellChoice.parse("elman"))
            .getMessage()
            .contains("irnn"));
  }

  @Test
  void aShortRunLearnsTheAddingProblemAtLengthFive() {
    Budget budget = Budget.builder().updates(150).hiddenSize(8).learningRate(0.02).build();
    TaskRun.Result r = TaskRun.run(new AddingProblem(5), CellChoice.LSTM, budget, 1, List.of());
    assertTrue(r.score().value() < AddingProblem.BASELINE_MSE / 3, "test MSE " + r.score().value());
    assertEquals("", r.diverged());
  }

  private static int argmax(Sequence x, int t) {
    int best = 0;
    for (int k = 1; k < x.features(); k++) {
      if (x.get(t, 0, k) > x.get(t, 0, best)) {
        best = k;
      }
    }
    return best;
  }
}
