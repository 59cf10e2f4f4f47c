package org.rnnkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.data.Example;
import org.rnnkit.io.ModelFile;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.optim.Adam;
import org.rnnkit.optim.Optimizer;

class CheckpointTest {
  @TempDir Path dir;

  private static final TrainingConfig CONFIG =
      TrainingConfig.builder().batchSize(4).seed(3).clipNorm(1).build();

  private static Optimizer adam() {
    return new Adam(Adam.Config.defaults().withLearningRate(0.01));
  }

  @Test
  void resumedRunEndsBitIdenticalToTheUninterruptedRun() throws IOException {
    List<Example> train = TrainerTest.meanTask(16, 5, 1);
    List<Example> validation = TrainerTest.meanTask(4, 5, 2);

    SequenceModel straight = TrainerTest.manyToOne(CellType.LSTM, 4, 0.2, 7);
    History full =
        new Trainer(straight, new MeanSquaredError(), adam(), CONFIG.toBuilder().epochs(6).build())
            .fit(train, validation);

    Path file = dir.resolve("checkpoint.npz");
    SequenceModel first = TrainerTest.manyToOne(CellType.LSTM, 4, 0.2, 7);
    Optimizer firstOptimizer = adam();
    new Trainer(first, new MeanSquaredError(), firstOptimizer, CONFIG.toBuilder().epochs(3).build())
        .addListener(
            Checkpoint.every(3, file, first, firstOptimizer, new History(), new JsonObject()))
        .fit(train, validation);

    SequenceModel resumed = TrainerTest.manyToOne(CellType.LSTM, 4, 0.2, 99);
    Optimizer resumedOptimizer = adam();
    History history = Checkpoint.restore(file, resumed, resumedOptimizer);
    assertEquals(3, history.epochs().size());
    History rest =
        new Trainer(
                resumed,
                new MeanSquaredError(),
                resumedOptimizer,
                CONFIG.toBuilder().epochs(6).build())
            .fit(train, validation, history);

    assertEquals(6, rest.epochs().size());
    for (int i = 0; i < straight.parameters().size(); i++) {
      assertArrayEquals(
          straight.parameters().get(i).value().data, resumed.parameters().get(i).value().data, 0);
    }
    assertEquals(full.last().trainLoss(), rest.last().trainLoss(), 0);
  }

  @Test
  void savedModelGivesIdenticalOutputsAndAPlainModelFileIsNotACheckpoint() throws IOException {
    SequenceModel model = TrainerTest.manyToOne(CellType.GRU, 3, 0, 5);
    Optimizer optimizer = adam();
    Path file = dir.resolve("c.npz");
    Checkpoint.save(file, model, optimizer, new History(), new JsonObject());
    SequenceModel other = TrainerTest.manyToOne(CellType.GRU, 3, 0, 6);
    Checkpoint.restore(file, other, adam());
    var x = TrainerTest.meanTask(1, 4, 3).get(0).input();
    assertArrayEquals(
        model.forward(x, false).values().data, other.forward(x, false).values().data, 0);

    Path plain = dir.resolve("plain.npz");
    ModelFile.save(plain, model, new JsonObject());
    var e = assertThrows(IOException.class, () -> Checkpoint.restore(plain, other, adam()));
    assertTrue(e.getMessage().contains("not a checkpoint"), e.getMessage());
    assertTrue(Files.exists(plain));
  }
}
