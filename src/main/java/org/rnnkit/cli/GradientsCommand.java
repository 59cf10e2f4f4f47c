package org.rnnkit.cli;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.rnnkit.chart.ChartStyle;
import org.rnnkit.chart.HeatMap;
import org.rnnkit.chart.LineChart;
import org.rnnkit.chart.Series;
import org.rnnkit.data.Batch;
import org.rnnkit.diagnostics.GradientFlow;
import org.rnnkit.diagnostics.GradientFlowHistory;
import org.rnnkit.diagnostics.JacobianNorms;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.tasks.AddingProblem;
import org.rnnkit.tasks.Budget;
import org.rnnkit.tasks.CellChoice;
import org.rnnkit.tasks.ClippingDemo;
import org.rnnkit.tasks.TaskRun;
import org.rnnkit.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit gradients}: the vanishing-gradient picture. Measures {@code ||dL/dh[t]||} for every
 * step at initialisation (the probe of issue 5: input size 1, N(0, 1) inputs, loss = sum of the
 * last output, PyTorch's default init), trains each cell briefly on the adding problem and measures
 * again, and shows exploding gradients tamed by clipping. Writes charts and {@code gradients.json}.
 */
@Command(
    name = "gradients",
    mixinStandardHelpOptions = true,
    description = {
      "Measure how the gradient ||dL/dh[t]|| vanishes or explodes over time for each cell,",
      "at initialisation and after a short training run on the adding problem, and show",
      "gradient clipping taming an exploding run. Writes PNG charts and gradients.json to --out."
    })
final class GradientsCommand implements Callable<Integer> {
  /** PyTorch's ratios at H = 32, T = 100 (issue 5), for the printed comparison. */
  private static final Map<CellChoice, String> PYTORCH_RATIOS =
      Map.of(
          CellChoice.RNN_TANH, "~1e-23",
          CellChoice.LSTM, "~1e-21",
          CellChoice.GRU, "~1e-19",
          CellChoice.LSTM_FORGET1, "~1e-8");

  @Spec CommandSpec spec;

  @Option(
      names = "--cells",
      defaultValue = "rnn,lstm,gru",
      description =
          "Cells, comma separated: rnn, rnn_relu, irnn, lstm, lstm_fb1, gru (default ${DEFAULT-VALUE}).")
  String cells;

  @Option(
      names = "--length",
      defaultValue = "100",
      description = "Sequence length T (default ${DEFAULT-VALUE}).")
  int length;

  @Option(
      names = "--hidden",
      defaultValue = "32",
      description = "Hidden size H (default ${DEFAULT-VALUE}).")
  int hidden;

  @Option(
      names = "--batch",
      defaultValue = "16",
      description = "Sequences averaged over in each measurement (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--forget-bias-line",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Add an LSTM with forget-gate bias +1 to the initialisation chart (default on).")
  boolean forgetBiasLine;

  @Option(
      names = "--updates",
      defaultValue = "1500",
      description =
          "Updates of the short adding-problem training run per cell; 0 skips it (default ${DEFAULT-VALUE}).")
  int updates;

  @Option(
      names = "--learning-rate",
      defaultValue = "0.01",
      description = "Adam's learning rate for the training run (default ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(
      names = "--clip-demo",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Run the clipping demo: relu RNN (identity init), SGD 0.1, adding problem T=10, with and without clipping at 1 (default on).")
  boolean clipDemo;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of data and weights (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      required = true,
      description = "Folder for the charts and gradients.json.")
  Path out;

  @Override
  public Integer call() {
    List<CellChoice> chosen = Options.asUsageError(spec, () -> Options.cells(cells));
    Options.require(spec, length >= 2, "--length must be at least 2, got " + length);
    Options.require(spec, hidden >= 1, "--hidden must be at least 1, got " + hidden);
    Options.require(spec, batch >= 1, "--batch must be at least 1, got " + batch);
    Options.require(spec, updates >= 0, "--updates must be 0 or more, got " + updates);
    Options.require(
        spec, learningRate > 0, "--learning-rate must be greater than 0, got " + learningRate);
    Path folder = Options.outputFolder(spec, out);
    PrintWriter stdout = spec.commandLine().getOut();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("length", length);
    json.put("hidden", hidden);
    json.put("batch", batch);
    json.put("seed", seed);
    json.put(
        "index",
        "lists run over t = 1..T; init uses the probe L = sum_b sum_j h[T]_bj on N(0,1) inputs"
            + " of size 1, trained uses the adding problem's MSE at the last step");
    Map<String, Map<String, Object>> perCell = new LinkedHashMap<>();
    json.put("cells", perCell);

    atInitialisation(chosen, folder, stdout, perCell);
    if (updates > 0) {
      afterTraining(chosen, folder, stdout, perCell);
    }
    if (clipDemo) {
      json.put("clipping", clipping(folder, stdout));
    }
    writeJson(folder.resolve("gradients.json"), json);
    stdout.printf("wrote charts and gradients.json to %s%n", folder);
    stdout.flush();
    return 0;
  }

  private void atInitialisation(
      List<CellChoice> chosen,
      Path folder,
      PrintWriter stdout,
      Map<String, Map<String, Object>> perCell) {
    List<CellChoice> probed = new ArrayList<>(chosen);
    if (forgetBiasLine
        && chosen.contains(CellChoice.LSTM)
        && !chosen.contains(CellChoice.LSTM_FORGET1)) {
      probed.add(probed.indexOf(CellChoice.LSTM) + 1, CellChoice.LSTM_FORGET1);
    }
    Sequence x = gaussian(new Random(seed + 1));
    LineChart flow =
        new LineChart(
                "Gradient flow at initialisation (T = %d, H = %d, PyTorch default init)"
                    .formatted(length, hidden),
                TIME_AXIS,
                "||dL/dh[t]||, mean over %d sequences (log scale)".formatted(batch))
            .logY();
    LineChart jacobian =
        new LineChart(
                "State Jacobian at initialisation (T = %d, H = %d)".formatted(length, hidden),
                TIME_AXIS,
                "spectral norm ||dh[T]/dh[t]||_2 (log scale)")
            .logY();
    stdout.printf(
        "ratio ||dL/dh[1]|| / ||dL/dh[T]|| at initialisation (T=%d, H=%d, B=%d, input N(0,1) of size 1,"
            + " L = sum of h[T], PyTorch default init, seed %d)%n",
        length, hidden, batch, seed);
    stdout.printf("  %-10s %12s  %s%n", "cell", "ratio", "PyTorch (T=100, H=32, issue 5)");
    for (CellChoice cell : probed) {
      RecurrentStack stack = cell.stack(1, hidden, new Random(seed));
      double[] norms = GradientFlow.probeLastStep(stack, x).get(0).norms();
      double[] jac =
          JacobianNorms.measure(stack, x, JacobianNorms.MatrixNorm.SPECTRAL).get(0).norms();
      flow.add(Series.indexed(cell.label(), norms));
      jacobian.add(Series.indexed(cell.label(), jac));
      double ratio = norms[0] / norms[length - 1];
      stdout.printf(
          "  %-10s %12.2e  %s%n", cell.id(), ratio, PYTORCH_RATIOS.getOrDefault(cell, ""));
      Map<String, Object> entry = perCell.computeIfAbsent(cell.id(), k -> new LinkedHashMap<>());
      entry.put("label", cell.label());
      entry.put("ratio_init", ratio);
      entry.put("init", norms);
      entry.put("jacobian_spectral_init", jac);
    }
    flow.write(folder.resolve("gradient-flow-init.png"));
    jacobian.write(folder.resolve("jacobian-init.png"));
  }

  private void afterTraining(
      List<CellChoice> chosen,
      Path folder,
      PrintWriter stdout,
      Map<String, Map<String, Object>> perCell) {
    AddingProblem task = new AddingProblem(length);
    Batch probe = Batch.of(task.generate(batch, new Random(seed + 2)));
    Budget budget =
        Budget.defaults()
            .withUpdates(updates)
            .withLearningRate(learningRate)
            .withHiddenSize(hidden)
            .withDistinctBatches(Math.max(10, updates / 20));
    LineChart flow =
        new LineChart(
                "Gradient flow after %d updates, adding problem (T = %d, H = %d)"
                    .formatted(updates, length, hidden),
                TIME_AXIS,
                "||dL/dh[t]||, mean over %d sequences (log scale)".formatted(batch))
            .logY();
    stdout.printf(
        "after %d updates on the adding problem (T=%d, Adam %s, clip 1, batch %d):%n",
        updates, length, learningRate, budget.batchSize());
    stdout.printf("  %-10s %12s %12s  %s%n", "cell", "ratio", "test MSE", "solved (MSE < 0.01)");
    List<HeatMapData> heatMaps = new ArrayList<>();
    for (CellChoice cell : chosen) {
      GradientFlowHistory[] history = new GradientFlowHistory[1];
      TaskRun.Result result;
      try (Progress bar =
          Progress.perBatch(
              spec.commandLine().getErr(),
              cell.id(),
              (long) budget.epochs() * budget.batchesPerEpoch())) {
        result =
            TaskRun.run(
                task,
                cell,
                budget,
                seed,
                model -> {
                  history[0] =
                      new GradientFlowHistory(model, task.loss(), probe.input(), probe.target());
                  return List.<TrainingListener>of(history[0], bar);
                });
      }
      double[][] rows = history[0].norms();
      double[] trained = rows[rows.length - 1];
      double ratio = trained[0] / trained[length - 1];
      flow.add(Series.indexed(cell.label(), trained));
      double[] epochs = new double[rows.length];
      for (int i = 0; i < epochs.length; i++) {
        epochs[i] = history[0].epochs()[i];
      }
      heatMaps.add(new HeatMapData(cell, rows, epochs));
      stdout.printf(
          "  %-10s %12.2e %12.4f  %s%s%n",
          cell.id(),
          ratio,
          result.score().value(),
          result.score().success() ? "yes" : "no",
          result.diverged().isEmpty() ? "" : " (diverged)");
      Map<String, Object> entry = perCell.computeIfAbsent(cell.id(), k -> new LinkedHashMap<>());
      entry.put("label", cell.label());
      entry.put("ratio_trained", ratio);
      entry.put("test_mse", result.score().value());
      entry.put("trained", trained);
      entry.put("epochs", history[0].epochs());
      entry.put("per_epoch", rows);
    }
    flow.write(folder.resolve("gradient-flow-trained.png"));
    List<JFreeChart> charts = heatMaps(heatMaps, length, budget.batchesPerEpoch());
    for (int i = 0; i < charts.size(); i++) {
      ChartStyle.writePng(
          charts.get(i), folder.resolve("heatmap-" + heatMaps.get(i).cell().id() + ".png"));
    }
  }

  /** The x axis of every chart over time steps, here and in {@code tasks}: t = 1 .. T. */
  static final String TIME_AXIS = "time step t (1 = first input, T = last)";

  /** One cell's gradient norms per epoch (rows) and time step (columns). */
  record HeatMapData(CellChoice cell, double[][] rows, double[] epochs) {}

  /** One heat map per cell, all on one colour scale so that a colour means one value in each. */
  static List<JFreeChart> heatMaps(List<HeatMapData> cells, int length, int updatesPerEpoch) {
    HeatMap.Scale scale = HeatMap.sharedScale(cells.stream().map(HeatMapData::rows).toList());
    return cells.stream()
        .map(
            c ->
                HeatMap.build(
                    "%s: gradient norm over training, adding problem T = %d"
                        .formatted(c.cell().label(), length),
                    TIME_AXIS,
                    "epoch (%d updates each; 0 = initialisation)".formatted(updatesPerEpoch),
                    "log10 ||dL/dh[t]|| (scale shared by all cells)",
                    c.rows(),
                    c.epochs(),
                    scale))
        .toList();
  }

  private Map<String, Object> clipping(Path folder, PrintWriter stdout) {
    double clip = 1;
    ClippingDemo demo = new ClippingDemo(CellChoice.IRNN, 10, hidden, 0.1, clip, 1500, 32);
    ClippingDemo.Result r;
    try (Progress bar =
        Progress.perBatch(spec.commandLine().getErr(), "clipping", 2L * demo.updates())) {
      r = demo.run(seed, List.of(bar));
    }
    new LineChart(
            "Clipping tames exploding gradients (relu RNN, identity init, SGD 0.1)",
            "update (batches of 32, adding problem T = 10)",
            "global gradient norm before clipping (log scale)")
        .logY()
        .add(Series.indexed("no clipping", r.unclipped().norms()))
        .add(Series.indexed("clip by norm at %s".formatted(clip), r.clipped().norms()))
        .horizontalLine(clip, "clipping threshold %s".formatted(clip))
        .write(folder.resolve("clipping.png"));
    new LineChart(
            "Training loss with and without clipping (relu RNN, identity init, SGD 0.1)",
            "update (batches of 32, adding problem T = 10)",
            "training MSE (log scale)")
        .logY()
        .add(Series.indexed("no clipping", r.unclipped().losses()))
        .add(Series.indexed("clip by norm at %s".formatted(clip), r.clipped().losses()))
        .horizontalLine(AddingProblem.BASELINE_MSE, "predict the mean: 0.167")
        .write(folder.resolve("clipping-loss.png"));
    stdout.println("clipping demo (relu RNN, identity init, SGD 0.1, adding T=10, 1500 updates):");
    Map<String, Object> json = new LinkedHashMap<>();
    for (var named :
        List.of(Map.entry("no clipping", r.unclipped()), Map.entry("clip 1", r.clipped()))) {
      ClippingDemo.Run run = named.getValue();
      double max = 0;
      for (double n : run.norms()) {
        max = Math.max(max, n);
      }
      stdout.printf(
          "  %-12s largest gradient norm %10.3g, test MSE %.4f%s%n",
          named.getKey(),
          max,
          run.testMse(),
          run.diverged().isEmpty() ? "" : " (diverged: non-finite values)");
      json.put(
          named.getKey(),
          Map.of("norms", run.norms(), "losses", run.losses(), "test_mse", run.testMse()));
    }
    return json;
  }

  private Sequence gaussian(Random rng) {
    Sequence x = new Sequence(length, batch, 1);
    for (int i = 0; i < x.values().getNumElements(); i++) {
      x.values().data[i] = rng.nextGaussian();
    }
    return x;
  }

  static void writeJson(Path file, Object value) {
    try {
      Files.writeString(
          file,
          new GsonBuilder()
              .setPrettyPrinting()
              .serializeSpecialFloatingPointValues()
              .create()
              .toJson(value));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
