package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.rnnkit.chart.ChartStyle;
import org.rnnkit.chart.HeatMap;
import org.rnnkit.chart.LineChart;
import org.rnnkit.chart.Series;
import org.rnnkit.io.Json;
import org.rnnkit.tasks.AddingProblem;
import org.rnnkit.tasks.CellChoice;
import org.rnnkit.tasks.ClippingDemo;
import org.rnnkit.tasks.VanishingGradients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit gradients}: the vanishing-gradient picture. Runs {@link VanishingGradients} and
 * prints, charts and writes ({@code gradients.json}) its result.
 */
@Command(
    name = "gradients",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure how the gradient ||dL/dh[t]|| vanishes or explodes over time for each cell, at"
          + " initialisation and after a short training run on the adding problem, and show"
          + " gradient clipping taming an exploding run.",
      "Writes PNG charts and gradients.json to --out."
    })
final class GradientsCommand implements Callable<Integer> {
  /**
   * PyTorch 1.13's ratios in the same setup at T = 100, H = 32, B = 16: geometric means over seeds
   * 0-4 ({@code bench/gradient_ratios.py}, output in {@code bench/gradient_ratios.txt}).
   */
  private static final Map<CellChoice, String> PYTORCH_RATIOS =
      Map.of(
          CellChoice.RNN_TANH, "10^-22.7",
          CellChoice.LSTM, "10^-20.8",
          CellChoice.GRU, "10^-20.4",
          CellChoice.LSTM_FORGET1, "10^-8.2");

  @Spec CommandSpec spec;

  @Option(
      names = "--cells",
      paramLabel = "CELLS",
      defaultValue = "rnn,lstm,gru",
      description =
          "cells, comma separated: rnn, rnn_relu, irnn, lstm, lstm_fb1, gru"
              + " (default: ${DEFAULT-VALUE})")
  String cells;

  @Option(
      names = "--length",
      paramLabel = "T",
      defaultValue = "100",
      description = "sequence length (default: ${DEFAULT-VALUE})")
  int length;

  @Mixin HiddenOption hidden = new HiddenOption(32);

  @Option(
      names = "--batch",
      paramLabel = "B",
      defaultValue = "16",
      description = "sequences averaged over in each measurement (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--forget-bias-line",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "add an LSTM with forget-gate bias +1 to the initialisation chart"
              + " (default: ${DEFAULT-VALUE})")
  boolean forgetBiasLine;

  @Option(
      names = "--updates",
      paramLabel = "N",
      defaultValue = "1500",
      description =
          "updates of the short adding-problem training run per cell; 0 skips it"
              + " (default: ${DEFAULT-VALUE})")
  int updates;

  @Mixin LearningRateOption learningRate = new LearningRateOption(0.01);

  @Option(
      names = "--clip-demo",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "run the clipping demo: relu RNN (identity init), SGD 0.1, adding problem T = 10, with"
              + " and without clipping at 1 (default: ${DEFAULT-VALUE})")
  boolean clipDemo;

  @Mixin SeedOption seed = new SeedOption(0);

  @Mixin OutOption out = new OutOption("rnnkit-gradients");

  /**
   * Refuses sizes whose run would not fit the JVM ({@link MemoryCheck}): the cell with the most
   * gates trained on a batch, and the per-step Jacobians (H x H per step) of the norms.
   */
  private void checkMemory(List<CellChoice> chosen) {
    int gates = chosen.stream().mapToInt(c -> c.type().create().gateCount()).max().orElse(1);
    double hidden = this.hidden.value();
    var network = new MemoryCheck.Network(gates, 1, hidden, 1, 1, 1);
    double jacobians = 8.0 * length * hidden * hidden * 2;
    MemoryCheck.require(
        "--length %d --hidden %d --batch %d".formatted(length, (int) hidden, batch),
        network.trainingBytes(length, batch) + jacobians,
        Math.max(network.largestMatrix(length, batch), hidden * hidden));
  }

  @Override
  public Integer call() throws IOException {
    List<CellChoice> chosen = Options.asUsageError(spec, () -> Options.cells(cells));
    var setup =
        Options.asUsageError(
            spec,
            () ->
                new VanishingGradients.Setup(
                    chosen,
                    length,
                    hidden.value(),
                    batch,
                    updates,
                    learningRate.value(),
                    forgetBiasLine,
                    clipDemo,
                    seed.value()));
    checkMemory(chosen);
    Path folder = out.create();
    PrintWriter err = spec.commandLine().getErr();
    VanishingGradients.Result result =
        VanishingGradients.run(setup, (label, total) -> Progress.perBatch(err, label, total));
    PrintWriter stdout = spec.commandLine().getOut();
    printInitial(result, stdout);
    chartInitial(result, folder);
    if (!result.trained().isEmpty()) {
      printTrained(result, stdout);
      chartTrained(result, folder);
    }
    if (result.clipping() != null) {
      printClipping(result.clipping(), stdout);
      chartClipping(result.clipping(), folder);
    }
    Json.write(folder.resolve("gradients.json"), json(result));
    stdout.printf("wrote charts and gradients.json to %s%n", folder);
    stdout.flush();
    return 0;
  }

  /** The ratios at initialisation; PyTorch's beside them only for the setup it was measured in. */
  private static void printInitial(VanishingGradients.Result result, PrintWriter stdout) {
    var s = result.setup();
    boolean pytorchSetup = s.length() == 100 && s.hidden() == 32 && s.batch() == 16;
    stdout.printf(
        "ratio ||dL/dh[1]|| / ||dL/dh[T]|| at initialisation (T=%d, H=%d, B=%d, input N(0,1) of size 1,"
            + " L = sum of h[T], PyTorch default init, seed %d)%n",
        s.length(), s.hidden(), s.batch(), s.seed());
    stdout.printf(
        "  %-10s %12s  %s%n",
        "cell",
        "ratio",
        pytorchSetup ? "PyTorch 1.13, same setup (geometric mean of seeds 0-4)" : "");
    for (var cell : result.initial()) {
      stdout.printf(
          "  %-10s %12.2e  %s%n",
          cell.cell().id(),
          cell.ratio(),
          pytorchSetup ? PYTORCH_RATIOS.getOrDefault(cell.cell(), "") : "");
    }
  }

  private void chartInitial(VanishingGradients.Result result, Path folder) throws IOException {
    List<LineChart> charts = initialCharts(result);
    charts.get(0).write(folder.resolve("gradient-flow-init.png"));
    charts.get(1).write(folder.resolve("jacobian-init.png"));
  }

  /** The gradient flow and the state Jacobian at initialisation, each cell in its own look. */
  static List<LineChart> initialCharts(VanishingGradients.Result result) {
    var s = result.setup();
    LineChart flow =
        new LineChart(
                "Gradient flow at initialisation (T = %d, H = %d, PyTorch default init)"
                    .formatted(s.length(), s.hidden()),
                TIME_AXIS,
                "||dL/dh[t]||, mean over %d sequences (log scale)".formatted(s.batch()))
            .logY();
    LineChart jacobian =
        new LineChart(
                "State Jacobian at initialisation (T = %d, H = %d)"
                    .formatted(s.length(), s.hidden()),
                TIME_AXIS,
                "spectral norm ||dh[T]/dh[t]||_2 (log scale)")
            .logY();
    for (var cell : result.initial()) {
      ChartStyle.Look look = ChartStyle.cell(cell.cell().id());
      flow.add(Series.indexed(cell.cell().label(), cell.norms()).withLook(look));
      jacobian.add(Series.indexed(cell.cell().label(), cell.jacobian()).withLook(look));
    }
    return List.of(flow, jacobian);
  }

  private static void printTrained(VanishingGradients.Result result, PrintWriter stdout) {
    var s = result.setup();
    stdout.printf(
        "after %d updates on the adding problem (T=%d, Adam %s, clip 1, batch %d):%n",
        s.updates(), s.length(), s.learningRate(), VanishingGradients.budget(s).batchSize());
    stdout.printf("  %-10s %12s %12s  %s%n", "cell", "ratio", "test MSE", "solved (MSE < 0.01)");
    for (var cell : result.trained()) {
      stdout.printf(
          "  %-10s %12.2e %12.4f  %s%s%n",
          cell.cell().id(),
          cell.ratio(),
          cell.score().value(),
          cell.score().success() ? "yes" : "no",
          cell.diverged().isEmpty() ? "" : " (diverged)");
    }
  }

  private void chartTrained(VanishingGradients.Result result, Path folder) throws IOException {
    var s = result.setup();
    LineChart flow =
        new LineChart(
                "Gradient flow after %d updates, adding problem (T = %d, H = %d)"
                    .formatted(s.updates(), s.length(), s.hidden()),
                TIME_AXIS,
                "||dL/dh[t]||, mean over %d sequences (log scale)".formatted(s.batch()))
            .logY();
    List<HeatMapData> heatMaps = new ArrayList<>();
    for (var cell : result.trained()) {
      flow.add(
          Series.indexed(cell.cell().label(), cell.norms())
              .withLook(ChartStyle.cell(cell.cell().id())));
      double[] epochs = new double[cell.epochs().length];
      for (int i = 0; i < epochs.length; i++) {
        epochs[i] = cell.epochs()[i];
      }
      heatMaps.add(new HeatMapData(cell.cell(), cell.perEpoch(), epochs));
    }
    flow.write(folder.resolve("gradient-flow-trained.png"));
    int updatesPerEpoch = result.trained().get(0).batchesPerEpoch();
    List<JFreeChart> charts = heatMaps(heatMaps, s.length(), updatesPerEpoch);
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

  private static void printClipping(ClippingDemo.Result r, PrintWriter stdout) {
    stdout.println("clipping demo (relu RNN, identity init, SGD 0.1, adding T=10, 1500 updates):");
    for (var named : clippingRuns(r)) {
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
    }
  }

  private static List<Map.Entry<String, ClippingDemo.Run>> clippingRuns(ClippingDemo.Result r) {
    return List.of(Map.entry("no clipping", r.unclipped()), Map.entry("clip 1", r.clipped()));
  }

  private static void chartClipping(ClippingDemo.Result r, Path folder) throws IOException {
    double clip = VanishingGradients.CLIP;
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
  }

  /** The numbers behind every chart, keyed as before the result record existed. */
  private static Map<String, Object> json(VanishingGradients.Result result) {
    var s = result.setup();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("length", s.length());
    json.put("hidden", s.hidden());
    json.put("batch", s.batch());
    json.put("seed", s.seed());
    json.put(
        "index",
        "lists run over t = 1..T; init uses the probe L = sum_b sum_j h[T]_bj on N(0,1) inputs"
            + " of size 1, trained uses the adding problem's MSE at the last step");
    Map<String, Map<String, Object>> perCell = new LinkedHashMap<>();
    json.put("cells", perCell);
    for (var cell : result.initial()) {
      Map<String, Object> entry =
          perCell.computeIfAbsent(cell.cell().id(), k -> new LinkedHashMap<>());
      entry.put("label", cell.cell().label());
      entry.put("ratio_init", cell.ratio());
      entry.put("init", cell.norms());
      entry.put("jacobian_spectral_init", cell.jacobian());
    }
    for (var cell : result.trained()) {
      Map<String, Object> entry =
          perCell.computeIfAbsent(cell.cell().id(), k -> new LinkedHashMap<>());
      entry.put("label", cell.cell().label());
      entry.put("ratio_trained", cell.ratio());
      entry.put("test_mse", cell.score().value());
      entry.put("trained", cell.norms());
      entry.put("epochs", cell.epochs());
      entry.put("per_epoch", cell.perEpoch());
    }
    if (result.clipping() != null) {
      Map<String, Object> clipping = new LinkedHashMap<>();
      for (var named : clippingRuns(result.clipping())) {
        ClippingDemo.Run run = named.getValue();
        clipping.put(
            named.getKey(),
            Map.of("norms", run.norms(), "losses", run.losses(), "test_mse", run.testMse()));
      }
      json.put("clipping", clipping);
    }
    return json;
  }
}
