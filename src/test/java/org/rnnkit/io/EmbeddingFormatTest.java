package org.rnnkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.Embedding;
import org.rnnkit.nn.layer.RecurrentStack;

/** A model that starts with an {@link Embedding} is rebuilt from its file alone. */
class EmbeddingFormatTest {
  @TempDir Path dir;

  @Test
  void anEmbeddingModelLoadsWithNoArchitectureGivenAndPredictsIdentically() throws IOException {
    Random rng = new Random(4);
    SequenceModel model =
        new SequenceModel(
            new Embedding("embedding", 7, 3, rng),
            new RecurrentStack(new RecurrentStack.Config(CellType.GRU, 3, 5), rng),
            new Dense("head", 5, 7, Activation.IDENTITY, rng));
    Path file = dir.resolve("model.npz");
    ModelFile.save(file, model);
    SequenceModel loaded = ModelFile.load(file);

    Embedding e = (Embedding) loaded.layers().get(0);
    assertEquals("embedding", e.name());
    assertEquals(7, e.vocabularySize());
    assertEquals(3, e.dimension());
    Sequence x = Sequence.fromBatchFirst(new double[][][] {{{0}, {6}, {3}}, {{2}, {2}, {5}}});
    assertArrayEquals(
        model.forward(x, false).values().data, loaded.forward(x, false).values().data, 0);
  }
}
