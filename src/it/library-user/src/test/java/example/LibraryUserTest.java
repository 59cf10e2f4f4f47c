package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.data.Example;
import org.rnnkit.io.ModelFile;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.metrics.Evaluation;
import org.rnnkit.metrics.Metric;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.LastStep;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.optim.Adam;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingConfig;

/** Uses rnnkit from its Maven artifact: train, evaluate, save, load, predict. */
class LibraryUserTest {

  @Test
  void trainsSavesLoadsAndPredictsThroughTheLibraryArtifact(@TempDir Path dir) throws Exception {
    Random rng = new Random(1);
    SequenceModel model =
        new SequenceModel(
            new RecurrentStack(new RecurrentStack.Config(CellType.GRU, 1, 4), rng),
            new LastStep(),
            new Dense("head", 4, 1, Activation.IDENTITY, rng));
    List<Example> data =
        List.of(
            Example.of(new double[][] {{0.1}, {0.2}, {0.3}}, new double[][] {{0.6}}),
            Example.of(new double[][] {{0.5}, {0.1}, {0.0}}, new double[][] {{0.6}}),
            Example.of(new double[][] {{-0.2}, {0.4}, {0.1}}, new double[][] {{0.3}}));
    new Trainer(
            model,
            new MeanSquaredError(),
            new Adam(Adam.Config.defaults().withLearningRate(0.05)),
            TrainingConfig.builder().epochs(20).build())
        .fit(data, List.of());
    double mse = Evaluation.of(model, data, 8, Metric.meanSquaredError()).value("mse");
    assertTrue(mse < 0.05, "mse " + mse);

    Path file = dir.resolve("model.npz");
    ModelFile.save(file, model);
    SequenceModel loaded = ModelFile.load(file);
    Sequence x = Sequence.fromBatchFirst(new double[][][] {{{0.1}, {0.2}, {0.3}}});
    assertArrayEquals(model.predict(x).values().data, loaded.predict(x).values().data, 0);
  }

  @Test
  void theLibraryIsTheThinJarAndItsDependenciesComeFromTheirOwnJars() {
    String rnnkit = jarOf(SequenceModel.class);
    assertTrue(rnnkit.matches(".*rnnkit-[^/]+\\.jar"), rnnkit);
    // EJML, Gson and picocli are not inside rnnkit's jar: each comes from its own artifact
    for (Class<?> c :
        List.of(org.ejml.data.DMatrixRMaj.class, com.google.gson.Gson.class, picocli.CommandLine.class)) {
      String jar = jarOf(c);
      assertTrue(!jar.equals(rnnkit) && jar.endsWith(".jar"), c + " from " + jar);
    }
  }

  private static String jarOf(Class<?> c) {
    return c.getProtectionDomain().getCodeSource().getLocation().getPath();
  }
}
