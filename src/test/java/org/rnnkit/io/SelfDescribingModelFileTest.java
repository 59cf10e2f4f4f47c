package org.rnnkit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnnkit.data.Example;
import org.rnnkit.loss.MeanSquaredError;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellOptions;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.Dropout;
import org.rnnkit.nn.layer.LastStep;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.optim.Adam;
import org.rnnkit.optim.Sgd;
import org.rnnkit.train.Checkpoint;
import org.rnnkit.train.History;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingConfig;

/** Model files that describe their layers: save, load with no architecture given, same output. */
class SelfDescribingModelFileTest {
  @TempDir Path dir;

  /** Two input features, sequences of 4 steps, target the sum of the first feature. */
  private static List<Example> data(int n, long seed) {
    Random rng = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[][] x = new double[4][2];
      double sum = 0;
      for (double[] step : x) {
        step[0] = rng.nextDouble() - 0.5;
        step[1] = rng.nextDouble() - 0.5;
        sum += step[0];
      }
      out.add(Example.of(x, new double[][] {{sum}}));
    }
    return out;
  }

  private record CellVariant(CellType cell, CellOptions options) {}

  private static SequenceModel stackModel(RecurrentStack.Config config, Random rng) {
    return new SequenceModel(
        new RecurrentStack(config, rng),
        new LastStep(),
        new Dense("head", config.outputSize(), 1, Activation.IDENTITY, rng));
  }

  static Stream<Arguments> models() {
    List<Arguments> cases = new ArrayList<>();
    for (CellType cell : CellType.values()) {
      cases.add(
          Arguments.of(
              cell.id(),
              (Function<Random, SequenceModel>)
                  rng -> stackModel(new RecurrentStack.Config(cell, 2, 3), rng)));
    }
    for (var variant :
        List.of(
            new CellVariant(CellType.LSTM, new CellOptions(true, true, false)),
            new CellVariant(CellType.GRU, new CellOptions(true, false, false)),
            new CellVariant(CellType.RNN_TANH, new CellOptions(true, false, false)),
            new CellVariant(CellType.GRU, new CellOptions(false, false, true)))) {
      cases.add(
          Arguments.of(
              "bidirectional two-layer " + variant.cell().id() + " " + variant.options().names(),
              (Function<Random, SequenceModel>)
                  rng ->
                      stackModel(
                          new RecurrentStack.Config(
                              variant.cell(), 2, 3, 2, true, true, 0, variant.options()),
                          rng)));
    }
    cases.add(
        Arguments.of(
            "stacked lstm with dropout between layers",
            (Function<Random, SequenceModel>)
                rng ->
                    stackModel(
                        new RecurrentStack.Config(CellType.LSTM, 2, 3, 2, false, true, 0.25),
                        rng)));
    cases.add(
        Arguments.of(
            "bidirectional gru without bias",
            (Function<Random, SequenceModel>)
                rng ->
                    stackModel(
                        new RecurrentStack.Config(CellType.GRU, 2, 3, 1, true, false), rng)));
    cases.add(
        Arguments.of(
            "dense, dropout and last step around a relu rnn",
            (Function<Random, SequenceModel>)
                rng ->
                    new SequenceModel(
                        new Dense("embed", 2, 4, Activation.TANH, rng),
                        new Dropout(0.3, 11),
                        new RecurrentStack(new RecurrentStack.Config(CellType.RNN_RELU, 4, 3), rng),
                        new LastStep(),
                        new Dense("hidden", 3, 3, Activation.SIGMOID, rng),
                        new Dense("head", 3, 1, Activation.IDENTITY, rng))));
    cases.add(
        Arguments.of(
            "bidirectional gru averaged over its steps",
            (Function<Random, SequenceModel>)
                rng ->
                    new SequenceModel(
                        new RecurrentStack(
                            new RecurrentStack.Config(CellType.GRU, 2, 3, 1, true, true), rng),
                        new org.rnnkit.nn.layer.MeanOverSteps(),
                        new Dense("head", 6, 1, Activation.IDENTITY, rng))));
    cases.add(
        Arguments.of(
            "layer norm, lstm, last step, batch norm (running statistics kept)",
            (Function<Random, SequenceModel>)
                rng ->
                    new SequenceModel(
                        new org.rnnkit.nn.layer.LayerNorm("input_norm", 2),
                        new RecurrentStack(new RecurrentStack.Config(CellType.LSTM, 2, 3), rng),
                        new LastStep(),
                        new org.rnnkit.nn.layer.BatchNorm("norm", 3, 1e-4, 0.2, true),
                        new Dense("head", 3, 1, Activation.IDENTITY, rng))));
    cases.add(
        Arguments.of(
            "stacked bidirectional lstm with projections",
            (Function<Random, SequenceModel>)
                rng ->
                    stackModel(
                        new RecurrentStack.Config(CellType.LSTM, 2, 3, 2, true, true)
                            .withProjectionSize(2),
                        rng)));
    cases.add(
        Arguments.of(
            "gru with recurrent dropout",
            (Function<Random, SequenceModel>)
                rng ->
                    stackModel(
                        new RecurrentStack.Config(CellType.GRU, 2, 3).withRecurrentDropout(0.3),
                        rng)));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void trainedModelLoadsWithNoArchitectureGivenAndPredictsIdentically(
      String name, Function<Random, SequenceModel> build) throws IOException {
    SequenceModel model = build.apply(new Random(1));
    new Trainer(
            model,
            new MeanSquaredError(),
            new Adam(Adam.Config.defaults().withLearningRate(0.02)),
            TrainingConfig.builder().epochs(3).batchSize(4).seed(2).build())
        .fit(data(12, 3), List.of());
    Path file = dir.resolve("model.npz");
    ModelFile.save(file, model);

    SequenceModel loaded = ModelFile.load(file);

    assertEquals(model.layers().size(), loaded.layers().size());
    for (int i = 0; i < model.layers().size(); i++) {
      assertEquals(model.layers().get(i).getClass(), loaded.layers().get(i).getClass());
      // predict uses no dropout masks: only the config shows recurrent dropout (and every other
      // setting, proj_size included) came back
      if (model.layers().get(i) instanceof RecurrentStack saved) {
        assertEquals(saved.config(), ((RecurrentStack) loaded.layers().get(i)).config());
      }
    }
    List<Parameter> expected = model.parameters();
    List<Parameter> actual = loaded.parameters();
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).name(), actual.get(i).name());
      assertArrayEquals(expected.get(i).value().data, actual.get(i).value().data, 0);
    }
    Sequence x = org.rnnkit.data.Batch.of(data(5, 4)).input();
    assertArrayEquals(model.predict(x).values().data, loaded.predict(x).values().data, 0);
  }

  @Test
  void theDescriptionNamesEveryLayerAndSetting() throws IOException {
    Path file = dir.resolve("m.npz");
    ModelFile.save(
        file,
        stackModel(
            new RecurrentStack.Config(CellType.LSTM, 2, 3, 2, true, true, 0.1), new Random(1)));
    JsonObject model = ModelFile.read(file).model();
    assertEquals(
        JsonParser.parseString(
            """
            {"layers": [
              {"type": "recurrent_stack", "cell": "lstm", "input_size": 2, "hidden_size": 3,
               "layers": 2, "bidirectional": true, "bias": true, "dropout": 0.1},
              {"type": "last_step"},
              {"type": "dense", "name": "head", "input_size": 6, "output_size": 1,
               "activation": "identity"}]}
            """),
        model);
  }

  @Test
  void aFileOfFormatVersionOneStillLoadsIntoAModelBuiltInCode() throws IOException {
    Path file = Fixtures.path("model-format1.npz");
    Random rng = new Random(0);
    SequenceModel model =
        new SequenceModel(
            new RecurrentStack(new RecurrentStack.Config(CellType.GRU, 2, 3), rng),
            new LastStep(),
            new Dense("head", 3, 1, Activation.IDENTITY, rng));
    ModelFile.Contents contents = ModelFile.load(file, model);
    assertEquals(3, contents.architecture().get("hidden").getAsInt());
    Sequence x = Sequence.fromBatchFirst(new double[][][] {{{0.1, 0.2}, {0.3, -0.1}}});
    // printed by the program that wrote the file (src/test/resources/io/README.md)
    assertEquals(-0.3617012145110048, model.predict(x).get(0, 0, 0), 0);

    String m = assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage();
    assertTrue(
        m.contains("does not describe its layers") && m.contains("ModelFile.load(file, model)"), m);
  }

  @Test
  void aCheckpointOfFormatVersionOneStillRestores() throws IOException {
    Path file = Fixtures.path("checkpoint-format1.npz");
    Random rng = new Random(0);
    SequenceModel model =
        new SequenceModel(
            new RecurrentStack(new RecurrentStack.Config(CellType.GRU, 2, 3), rng),
            new LastStep(),
            new Dense("head", 3, 1, Activation.IDENTITY, rng));
    Adam adam = new Adam(Adam.Config.defaults().withLearningRate(0.01));
    History history = Checkpoint.restore(file, model, adam);
    assertEquals(2, history.epochs().size());
    // two epochs of one full batch each
    assertEquals(2, adam.state().parameter("head.weight").step());
    Sequence x = Sequence.fromBatchFirst(new double[][][] {{{0.1, 0.2}, {0.3, -0.1}}});
    assertEquals(-0.3617012145110048, model.predict(x).get(0, 0, 0), 0);
    String m = assertThrows(ModelFileException.class, () -> Checkpoint.load(file)).getMessage();
    assertTrue(m.contains("does not name its optimizer"), m);
  }

  @Test
  void aCheckpointRebuildsModelAndOptimizerAndResumesBitIdentically() throws IOException {
    List<Example> train = data(12, 5);
    TrainingConfig config = TrainingConfig.builder().batchSize(4).seed(3).build();
    Function<Integer, SequenceModel> fresh =
        seed ->
            stackModel(
                new RecurrentStack.Config(CellType.LSTM, 2, 3, 2, false, true, 0.2),
                new Random(seed));
    Sgd.Config sgdConfig = new Sgd.Config(0.05, 0.9, 0, true, 1e-4);

    SequenceModel straight = fresh.apply(7);
    new Trainer(
            straight,
            new MeanSquaredError(),
            new Sgd(sgdConfig),
            config.toBuilder().epochs(4).build())
        .fit(train, List.of());

    SequenceModel first = fresh.apply(7);
    Sgd firstSgd = new Sgd(sgdConfig);
    History half =
        new Trainer(first, new MeanSquaredError(), firstSgd, config.toBuilder().epochs(2).build())
            .fit(train, List.of());
    Path file = dir.resolve("checkpoint.npz");
    Checkpoint.save(file, first, firstSgd, half, new JsonObject());

    Checkpoint.Restored restored = Checkpoint.load(file);
    assertEquals(sgdConfig, ((Sgd) restored.optimizer()).config());
    new Trainer(
            restored.model(),
            new MeanSquaredError(),
            restored.optimizer(),
            config.toBuilder().epochs(4).build())
        .fit(train, List.of(), restored.history());
    for (int i = 0; i < straight.parameters().size(); i++) {
      assertArrayEquals(
          straight.parameters().get(i).value().data,
          restored.model().parameters().get(i).value().data,
          0,
          straight.parameters().get(i).name());
    }
  }

  private Path savedLstm() throws IOException {
    Path file = dir.resolve("lstm.npz");
    ModelFile.save(file, stackModel(new RecurrentStack.Config(CellType.LSTM, 2, 3), new Random(1)));
    return file;
  }

  /** Rewrites layer {@code index} of model.json's description through {@code edit}. */
  private static void editLayer(Path file, int index, Consumer<JsonObject> edit)
      throws IOException {
    Npz.Contents c = Npz.read(file);
    JsonObject json =
        JsonParser.parseString(new String(c.files().get("model.json"), StandardCharsets.UTF_8))
            .getAsJsonObject();
    edit.accept(
        json.getAsJsonObject("model").getAsJsonArray("layers").get(index).getAsJsonObject());
    Npz.write(
        file, c.arrays(), Map.of("model.json", json.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private String loadFailure(Consumer<JsonObject> edit) throws IOException {
    return loadFailure(0, edit);
  }

  private String loadFailure(int layer, Consumer<JsonObject> edit) throws IOException {
    Path file = savedLstm();
    editLayer(file, layer, edit);
    return assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage();
  }

  @Test
  void anEditedSizeIsRefusedBeforeAnythingIsAllocated() throws IOException {
    // 4*20000 x 20000 doubles would be 12.8 GB: built first, this would run out of memory.
    // LSTM I=2, H=3: 12x2 + 12x3 + 12 + 12 = 84, head 3 + 1: 88 stored; with H = 20000:
    // 80000 x (2 + 20000 + 2) + 4 = 1600320004
    String hidden = loadFailure(l -> l.addProperty("hidden_size", 20000));
    assertTrue(
        hidden.contains("hold 1600320004 parameter values, but the file stores 88 in 6 arrays"),
        hidden);
    String layers = loadFailure(l -> l.addProperty("layers", 10_000_000));
    assertTrue(
        layers.contains("\"layers\" must be a whole number in 1..1024, got 10000000"), layers);
    String huge = loadFailure(l -> l.addProperty("input_size", 1e12));
    assertTrue(huge.contains("\"input_size\" must be a whole number in 1..16777216"), huge);
    String fraction = loadFailure(l -> l.addProperty("hidden_size", 2.5));
    assertTrue(fraction.contains("layer 0 (recurrent_stack): \"hidden_size\" must be"), fraction);
  }

  @Test
  void aCellVariantIsReadBackAndAnImpossibleOneIsRefused() throws IOException {
    // an LSTM file of before the variants has no variant fields: PyTorch's cell
    Path old = savedLstm();
    RecurrentStack plain = (RecurrentStack) ModelFile.load(old).layers().get(0);
    assertEquals(CellOptions.NONE, plain.config().options());
    // peepholes switched on in the description: the file lacks their arrays
    String peepholes = loadFailure(l -> l.addProperty("peepholes", true));
    assertTrue(peepholes.contains("parameter values, but the file stores 88"), peepholes);
    String gru = loadFailure(l -> l.addProperty("reset_before", true));
    assertTrue(
        gru.contains("layer 0 (recurrent_stack): the reset-before form is a GRU variant"), gru);
    String mistyped = loadFailure(l -> l.addProperty("layer_norm", "yes"));
    assertTrue(mistyped.contains("\"layer_norm\" must be true or false"), mistyped);
  }

  @Test
  void everyMissingOrMistypedFieldIsNamed() throws IOException {
    String missing = loadFailure(l -> l.remove("bias"));
    assertTrue(missing.contains("layer 0 (recurrent_stack): \"bias\" is missing"), missing);
    String mistyped = loadFailure(l -> l.addProperty("bidirectional", "yes"));
    assertTrue(mistyped.contains("\"bidirectional\" must be true or false, got \"yes\""), mistyped);
    String cell = loadFailure(l -> l.addProperty("cell", "transformer"));
    assertTrue(cell.contains("\"cell\": unknown cell 'transformer'"), cell);
    String dropout = loadFailure(l -> l.addProperty("dropout", 1.5));
    assertTrue(dropout.contains("\"dropout\" must be a number in [0, 1)"), dropout);
    String type = loadFailure(l -> l.addProperty("type", "attention"));
    assertTrue(type.contains("has type \"attention\", which this rnnkit does not know"), type);
    // the same count of values in other shapes (head 3 -> 1 is 4 values, so is 1 -> 2) passes the
    // count and is refused on the shapes once built, before any value is copied
    String shapes =
        loadFailure(
            2,
            l -> {
              l.addProperty("input_size", 1);
              l.addProperty("output_size", 2);
            });
    assertTrue(
        shapes.contains("parameter head.weight: the model has shape (2, 1), the file (1, 3)"),
        shapes);
  }

  @Test
  void nonFiniteWeightsAreRefused() throws IOException {
    SequenceModel model = stackModel(new RecurrentStack.Config(CellType.GRU, 2, 3), new Random(1));
    model.parameter("head.bias").value().data[0] = Double.NaN;
    Path file = dir.resolve("nan.npz");
    ModelFile.save(file, model);
    String m = assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage();
    assertTrue(m.contains("parameter head.bias holds NaN at flat index 0"), m);
  }

  /** Layer norm (0), lstm (1), last step (2), batch norm (3), head (4). */
  private Path savedNormModel(double epsilon, long batchesTracked) throws IOException {
    Random rng = new Random(1);
    org.rnnkit.nn.layer.BatchNorm batchNorm =
        new org.rnnkit.nn.layer.BatchNorm("norm", 3, epsilon, 0.2, true);
    batchNorm.setRunningStatistics(
        new double[] {0.1, -0.2, 0.3}, new double[] {1.5, 0.5, 2}, batchesTracked);
    SequenceModel model =
        new SequenceModel(
            new org.rnnkit.nn.layer.LayerNorm("input_norm", 2, epsilon, true),
            new RecurrentStack(new RecurrentStack.Config(CellType.LSTM, 2, 3), rng),
            new LastStep(),
            batchNorm,
            new Dense("head", 3, 1, Activation.IDENTITY, rng));
    Path file = dir.resolve("norms.npz");
    ModelFile.save(file, model);
    return file;
  }

  @Test
  void normLayersLoadEveryEpsilonTheirConstructorsAcceptAndALongBatchCount() throws IOException {
    // eps > 1 and a count past Integer.MAX_VALUE: accepted by the layers, so the file must load
    long batches = 3_000_000_001L;
    SequenceModel loaded = ModelFile.load(savedNormModel(2.5, batches));
    var layerNorm = (org.rnnkit.nn.layer.LayerNorm) loaded.layers().get(0);
    var batchNorm = (org.rnnkit.nn.layer.BatchNorm) loaded.layers().get(3);
    assertEquals(2.5, layerNorm.epsilon(), 0);
    assertEquals(2.5, batchNorm.epsilon(), 0);
    assertEquals(batches, batchNorm.batchesTracked());
    assertArrayEquals(new double[] {0.1, -0.2, 0.3}, batchNorm.runningMean(), 0);
    assertArrayEquals(new double[] {1.5, 0.5, 2}, batchNorm.runningVariance(), 0);
  }

  private String normLoadFailure(int layer, Consumer<JsonObject> edit) throws IOException {
    Path file = savedNormModel(1e-5, 7);
    editLayer(file, layer, edit);
    return assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage();
  }

  @Test
  void badNormLayerDescriptionsAreRefusedWithTheFieldNamed() throws IOException {
    String negative =
        normLoadFailure(
            3,
            l -> {
              var variance = new com.google.gson.JsonArray();
              variance.add(1.0);
              variance.add(-0.5);
              variance.add(1.0);
              l.add("running_var", variance);
            });
    assertTrue(
        negative.contains("layer 3 (batch_norm): \"running_var\" holds -0.5; a variance is never"),
        negative);
    String shortList =
        normLoadFailure(
            3,
            l -> {
              var mean = new com.google.gson.JsonArray();
              mean.add(0.0);
              mean.add(0.0);
              l.add("running_mean", mean);
            });
    assertTrue(
        shortList.contains("\"running_mean\" must be a list of 3 finite numbers"), shortList);
    String missing = normLoadFailure(3, l -> l.remove("num_batches_tracked"));
    assertTrue(
        missing.contains("layer 3 (batch_norm): \"num_batches_tracked\" is missing"), missing);
    String fraction = normLoadFailure(3, l -> l.addProperty("num_batches_tracked", 2.5));
    assertTrue(fraction.contains("\"num_batches_tracked\" must be a whole number"), fraction);
    String momentum = normLoadFailure(3, l -> l.addProperty("momentum", 1.5));
    assertTrue(momentum.contains("\"momentum\" must be a finite number in [0.0, 1.0]"), momentum);
    String epsilon = normLoadFailure(0, l -> l.addProperty("epsilon", 0));
    assertTrue(epsilon.contains("layer 0 (layer_norm): \"epsilon\" must be"), epsilon);
    String affine = normLoadFailure(0, l -> l.remove("affine"));
    assertTrue(affine.contains("layer 0 (layer_norm): \"affine\" is missing"), affine);
  }

  /** A layer rnnkit does not know: {@code y = s * x} with one parameter s. */
  static final class Scale implements Layer {
    final Parameter s = new Parameter("scale.s", 1, 1);

    @Override
    public Sequence forward(Sequence x, boolean training) {
      Sequence y = x.copy();
      for (int i = 0; i < y.values().getNumElements(); i++) {
        y.values().data[i] *= s.value().data[0];
      }
      return y;
    }

    @Override
    public Sequence backward(Sequence dy) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Parameter> parameters() {
      return List.of(s);
    }
  }

  static final class ScaleFormat implements LayerFormat<Scale> {
    @Override
    public String type() {
      return "scale";
    }

    @Override
    public Class<Scale> layerClass() {
      return Scale.class;
    }

    @Override
    public void describe(Scale layer, JsonObject into) {}

    @Override
    public long parameterCount(LayerDescription d) {
      return 1;
    }

    @Override
    public Scale build(LayerDescription d) {
      return new Scale();
    }
  }

  @Test
  void aLayerTypeOfYourOwnRegistersItsFormat() throws IOException {
    Scale scale = new Scale();
    scale.s.value().data[0] = 2.5;
    SequenceModel model =
        new SequenceModel(new Dense("in", 2, 2, Activation.TANH, new Random(1)), scale);
    Path file = dir.resolve("scale.npz");
    String m =
        assertThrows(IllegalArgumentException.class, () -> ModelFile.save(file, model))
            .getMessage();
    assertTrue(m.contains("cannot describe layer 1 (") && m.contains("register a LayerFormat"), m);
    // the caller's own architecture still saves, without a layer list
    ModelFile.save(file, model, new JsonObject());
    assertFalse(ModelFile.read(file).model().has("layers"));

    LayerFormats formats = LayerFormats.builtIn().with(new ScaleFormat());
    ModelFile.save(file, model, formats);
    SequenceModel loaded = ModelFile.load(file, formats);
    Sequence x = Sequence.fromBatchFirst(new double[][][] {{{0.3, -0.2}}});
    assertArrayEquals(model.predict(x).values().data, loaded.predict(x).values().data, 0);
    assertThrows(ModelFileException.class, () -> ModelFile.load(file));
    assertThrows(IllegalArgumentException.class, () -> formats.with(new ScaleFormat()));
  }
}
