package org.rnnkit.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnkit.nn.GradientAssertions.assertGradient;
import static org.rnnkit.nn.GradientAssertions.dot;
import static org.rnnkit.nn.GradientAssertions.randomSequence;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnkit.nn.Sequence;
import org.rnnkit.reference.ReferenceCases;
import org.rnnkit.reference.ReferenceCases.Case;

/** Embedding: gather forward, scatter-add backward, checked by finite differences and PyTorch. */
class EmbeddingTest {

  private static Sequence indices(int steps, int batch, int vocabulary, Random rng) {
    Sequence x = new Sequence(steps, batch, 1);
    for (int i = 0; i < steps * batch; i++) {
      x.values().data[i] = rng.nextInt(vocabulary);
    }
    return x;
  }

  @ParameterizedTest(name = "V={0}, D={1}, T={2}, B={3}")
  @CsvSource({"1, 1, 1, 1", "5, 1, 1, 1", "3, 4, 1, 1", "4, 3, 6, 2", "2, 3, 5, 3"})
  void weightGradientMatchesFiniteDifferences(int v, int d, int t, int b) {
    Random rng = new Random(v * 31 + d * 7 + t + b);
    Embedding layer = new Embedding("embedding", v, d, rng);
    Sequence x = indices(t, b, v, rng);
    Sequence r = randomSequence(t, b, d, rng);
    layer.parameters().get(0).zeroGrad();
    layer.forward(x, true);
    Sequence dx = layer.backward(r);
    double[] w = layer.parameters().get(0).value().data;
    assertGradient(
        "embedding.weight",
        () -> dot(layer.forward(x, false), r),
        w,
        layer.parameters().get(0).grad().data.clone());
    assertEquals(t * b, dx.values().getNumElements());
    for (double g : dx.values().data) {
      assertEquals(0, g, 0, "indices have no gradient");
    }
  }

  @Test
  void repeatedIndicesAddTheirGradients() {
    Embedding layer = new Embedding("e", 3, 2, new Random(1));
    Sequence x = Sequence.fromBatchFirst(new double[][][] {{{2}, {2}, {0}}});
    layer.forward(x, true);
    Sequence dy = Sequence.fromBatchFirst(new double[][][] {{{1, 2}, {10, 20}, {5, 6}}});
    layer.backward(dy);
    double[] g = layer.parameters().get(0).grad().data;
    assertEquals(
        List.of(5.0, 6.0, 0.0, 0.0, 11.0, 22.0), List.of(g[0], g[1], g[2], g[3], g[4], g[5]));
  }

  @Test
  void forwardCopiesTheRowOfEachIndex() {
    Embedding layer = new Embedding("e", 4, 3, new Random(2));
    Sequence y = layer.forward(Sequence.fromBatchFirst(new double[][][] {{{3}}, {{1}}}), false);
    double[] w = layer.parameters().get(0).value().data;
    for (int k = 0; k < 3; k++) {
      assertEquals(w[3 * 3 + k], y.get(0, 0, k), 0);
      assertEquals(w[3 + k], y.get(0, 1, k), 0);
    }
  }

  @Test
  void badIndicesAreNamed() {
    Embedding layer = new Embedding("e", 4, 3, new Random(2));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> layer.forward(Sequence.fromBatchFirst(new double[][][] {{{1}, {4}}}), false));
    assertTrue(e.getMessage().contains("step 1, sequence 0 is 4.0"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> layer.forward(Sequence.fromBatchFirst(new double[][][] {{{0.5}}}), false));
    assertThrows(
        IllegalArgumentException.class,
        () -> layer.forward(Sequence.fromBatchFirst(new double[][][] {{{0, 1}}}), false));
  }

  @Test
  void matchesTorchEmbedding() {
    List<Case> cases =
        ReferenceCases.ofKind("layer").stream()
            .filter(c -> c.json().get("layer").getAsString().equals("Embedding"))
            .toList();
    assertFalse(cases.isEmpty(), "no Embedding case in the test resources");
    for (Case c : cases) {
      JsonObject json = c.json();
      JsonObject args = json.getAsJsonObject("args");
      Embedding layer =
          new Embedding(
              "embedding",
              args.get("num_embeddings").getAsInt(),
              args.get("embedding_dim").getAsInt(),
              new Random(0));
      layer
          .parameters()
          .get(0)
          .set(ReferenceCases.flat(json.getAsJsonObject("params").get("weight")));
      JsonArray input = json.getAsJsonArray("input");
      double[][][] x = new double[input.size()][][];
      for (int b = 0; b < x.length; b++) {
        double[] row = ReferenceCases.flat(input.get(b));
        x[b] = new double[row.length][];
        for (int t = 0; t < row.length; t++) {
          x[b][t] = new double[] {row[t]};
        }
      }
      Sequence y = layer.forward(Sequence.fromBatchFirst(x), true);
      assertClose(
          c.name() + " output",
          ReferenceCases.sequence(json.get("output")).values().data,
          y.values().data);
      Sequence dout = ReferenceCases.sequence(json.get("dout"));
      assertEquals(json.get("loss").getAsDouble(), dot(y, dout), 1e-9);
      layer.parameters().get(0).zeroGrad();
      layer.backward(dout);
      assertClose(
          c.name() + " weight gradient",
          ReferenceCases.flat(json.getAsJsonObject("grads").get("weight")),
          layer.parameters().get(0).grad().data);
    }
  }

  private static void assertClose(String what, double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length, what + " size");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-9, what + " [" + i + "]");
    }
  }
}
