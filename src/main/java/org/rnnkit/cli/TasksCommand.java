package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.rnnkit.chart.ChartStyle;
import org.rnnkit.chart.LineChart;
import org.rnnkit.chart.Series;
import org.rnnkit.data.Batch;
import org.rnnkit.diagnostics.GradientFlow;
import org.rnnkit.io.Json;
import org.rnnkit.tasks.AddingProblem;
import org.rnnkit.tasks.Budget;
import org.rnnkit.tasks.CellChoice;
import org.rnnkit.tasks.CopyMemory;
import org.rnnkit.tasks.EmbeddedReber;
import org.rnnkit.tasks.Task;
import org.rnnkit.tasks.TaskRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit tasks adding|copy|reber}: trains cells on a long-range task with one budget of
 * updates and reports success, for one (cell, length) or a sweep over both.
 */
@Command(
    name = "tasks",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train on a long-range task and report success: adding (test MSE < 0.01), copy (recall"
          + " accuracy >= 0.99) or reber (every allowed next symbol predicted on every test"
          + " string).",
      "With --sweep, every cell of --cells at every length of --lengths, same budget."
    })
final class TasksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TASK", description = "adding, copy or reber")
  String taskName;

  @Option(
      names = "--cell",
      paramLabel = "CELL",
      defaultValue = "lstm",
      converter = Options.Cell.class,
      description = "rnn, rnn_relu, irnn, lstm, lstm_fb1 or gru (default: ${DEFAULT-VALUE})")
  CellChoice cell;

  @Option(
      names = "--length",
      paramLabel = "T",
      defaultValue = "100",
      description =
          "sequence length (adding), delay (copy), least string length (reber)"
              + " (default: ${DEFAULT-VALUE})")
  int length;

  @Option(
      names = "--sweep",
      description = "train every cell of --cells at every length of --lengths")
  boolean sweep;

  @Option(
      names = "--cells",
      paramLabel = "CELLS",
      defaultValue = "rnn,irnn,lstm,gru",
      description = "cells of the sweep (default: ${DEFAULT-VALUE})")
  String cells;

  @Option(
      names = "--lengths",
      paramLabel = "T,T,...",
      defaultValue = "10,25,50,100,200",
      description = "lengths of the sweep (default: ${DEFAULT-VALUE})")
  String lengths;

  @Mixin HiddenOption hidden = new HiddenOption(32);

  @Option(
      names = "--symbols",
      paramLabel = "N",
      defaultValue = "10",
      description = "copy: symbols to recall, from an alphabet of 8 (default: ${DEFAULT-VALUE})")
  int symbols;

  @Option(
      names = "--updates",
      paramLabel = "N",
      defaultValue = "2000",
      description = "updates per run (default: ${DEFAULT-VALUE})")
  int updates;

  @Option(
      names = "--batch",
      paramLabel = "B",
      defaultValue = "32",
      description = "sequences per update (default: ${DEFAULT-VALUE})")
  int batch;

  @Mixin LearningRateOption learningRate = new LearningRateOption(0.01);

  @Mixin RecurrentDropoutOption recurrentDropout = new RecurrentDropoutOption();

  @Option(
      names = "--clip",
      paramLabel = "C",
      defaultValue = "1",
      description = "clip the global gradient norm to C; 0 for none (default: ${DEFAULT-VALUE})")
  double clip;

  @Mixin SeedOption seed = new SeedOption(0);

  @Mixin OutOption out = new OutOption("rnnkit-tasks");

  /**
   * Refuses sizes whose run would not fit the JVM ({@link MemoryCheck}): training the cell with the
   * most gates on the longest task, its training and test examples held.
   */
  private static void checkMemory(Budget budget, List<Task> tasks, List<CellChoice> cells) {
    int gates = cells.stream().mapToInt(c -> c.type().create().gateCount()).max().orElse(1);
    for (Task task : tasks) {
      var network =
          new MemoryCheck.Network(
              gates, task.inputSize(), budget.hiddenSize(), 1, 1, task.outputSize());
      double examples = (double) budget.batchesPerEpoch() * budget.batchSize() + budget.testSize();
      double data = 8.0 * task.length() * (task.inputSize() + task.outputSize()) * examples;
      MemoryCheck.require(
          "--length %d --hidden %d --batch %d --updates %d"
              .formatted(task.length(), budget.hiddenSize(), budget.batchSize(), budget.updates()),
          network.trainingBytes(task.length(), budget.batchSize()) + data,
          network.largestMatrix(task.length(), budget.batchSize()));
    }
  }

  @Override
  public Integer call() throws IOException {
    String name = taskName.toLowerCase(Locale.ROOT);
    Options.require(
        spec,
        List.of("adding", "copy", "reber").contains(name),
        "unknown task '%s'; choose adding, copy or reber".formatted(taskName));
    Budget budget =
        Options.asUsageError(
            spec,
            () ->
                Budget.builder()
                    .updates(updates)
                    .batchSize(batch)
                    .learningRate(learningRate.value())
                    .clipNorm(clip)
                    .hiddenSize(hidden.value())
                    .recurrentDropout(recurrentDropout.value())
                    .build());
    List<CellChoice> sweepCells =
        sweep ? Options.asUsageError(spec, () -> Options.cells(cells)) : List.of(cell);
    int[] sweepLengths =
        sweep ? Options.asUsageError(spec, () -> Options.integers(lengths)) : new int[] {length};
    List<Task> tasks = new ArrayList<>();
    for (int t : sweepLengths) {
      tasks.add(Options.asUsageError(spec, () -> task(name, t)));
    }
    checkMemory(budget, tasks, sweepCells);
    Path folder = out.create();
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        "%s: %d updates of %d sequences, Adam %s, clip %s, H=%d, seed %d%n",
        name, updates, batch, learningRate.value(), clip, hidden.value(), seed.value());
    Map<CellChoice, double[]> values = new LinkedHashMap<>();
    Map<CellChoice, Integer> longestSolved = new LinkedHashMap<>();
    for (CellChoice c : sweepCells) {
      double[] v = new double[tasks.size()];
      for (int i = 0; i < tasks.size(); i++) {
        Task task = tasks.get(i);
        TaskRun.Result r;
        String label = "%s T=%d".formatted(c.id(), task.length());
        try (Progress bar =
            Progress.perBatch(
                spec.commandLine().getErr(),
                label,
                (long) budget.epochs() * budget.batchesPerEpoch())) {
          r = TaskRun.run(task, c, budget, seed.value(), List.of(bar));
        }
        v[i] = r.score().value();
        if (r.score().success()) {
          longestSolved.merge(c, task.length(), Math::max);
        }
        stdout.printf(
            "  %-9s T=%-5d %s %.4f  %s%s%n",
            c.id(),
            task.length(),
            task.metric(),
            v[i],
            r.score().success() ? "solved" : "not solved",
            r.diverged().isEmpty() ? "" : " (diverged)");
        stdout.flush();
        if (!sweep) {
          singleRunCharts(r, folder);
        }
      }
      values.put(c, v);
    }
    if (sweep) {
      sweepChart(name, tasks, values, folder);
      stdout.println("longest length solved per cell:");
      for (CellChoice c : sweepCells) {
        Integer best = longestSolved.get(c);
        stdout.printf("  %-9s %s%n", c.id(), best == null ? "none" : "T=" + best);
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("task", name);
      json.put("lengths", sweepLengths);
      json.put("budget", budget);
      Map<String, double[]> byCell = new LinkedHashMap<>();
      values.forEach((c, v) -> byCell.put(c.id(), v));
      json.put(tasks.get(0).metric(), byCell);
      Json.write(folder.resolve(name + "-sweep.json"), json);
    }
    stdout.printf("wrote charts to %s%n", folder);
    stdout.flush();
    return 0;
  }

  private Task task(String name, int t) {
    return switch (name) {
      case "adding" -> new AddingProblem(t);
      case "copy" -> new CopyMemory(t, symbols, 8);
      case "reber" -> new EmbeddedReber(t);
      default -> throw new IllegalArgumentException("unknown task " + name);
    };
  }

  private void singleRunCharts(TaskRun.Result r, Path folder) {
    Task task = r.task();
    String stem = "%s-T%d-%s".formatted(task.name(), task.length(), r.cell().id());
    LineChart loss =
        new LineChart(
                "%s on %s, T = %d: training loss"
                    .formatted(r.cell().label(), task.name(), task.length()),
                "epoch (%d updates each)"
                    .formatted(
                        Math.max(
                            1,
                            r.history().epochs().isEmpty()
                                ? 0
                                : r.history().epochs().get(0).updates())),
                "training loss, mean over the epoch (log scale)")
            .logY()
            .add(
                Series.indexed(r.cell().label(), r.history().trainLosses())
                    .withLook(ChartStyle.cell(r.cell().id())));
    if (task.lowerIsBetter()) {
      // the loss is the task's error metric (the adding problem's MSE): chance applies to it
      loss.horizontalLine(task.chance(), "chance: %.3g".formatted(task.chance()));
    }
    loss.write(folder.resolve(stem + "-loss.png"));
    Batch probe = Batch.of(task.generate(16, new Random(seed.value() + 2)));
    double[] norms =
        GradientFlow.measure(r.model(), task.loss(), probe.input(), probe.target()).get(0).norms();
    new LineChart(
            "%s on %s, T = %d: gradient flow after training"
                .formatted(r.cell().label(), task.name(), task.length()),
            GradientsCommand.TIME_AXIS,
            "||dL/dh[t]||, mean over 16 sequences (log scale)")
        .logY()
        .add(Series.indexed(r.cell().label(), norms).withLook(ChartStyle.cell(r.cell().id())))
        .write(folder.resolve(stem + "-flow.png"));
  }

  private static void sweepChart(
      String name, List<Task> tasks, Map<CellChoice, double[]> values, Path folder) {
    sweepChart(name, tasks, values).write(folder.resolve(name + "-success.png"));
  }

  /**
   * The task's metric against length, one line per cell, with the success threshold and the chance
   * level (what a model without memory of the inputs that matter scores).
   */
  static LineChart sweepChart(String name, List<Task> tasks, Map<CellChoice, double[]> values) {
    Task first = tasks.get(0);
    double[] x = tasks.stream().mapToDouble(Task::length).toArray();
    LineChart chart =
        new LineChart(
                "%s: %s against sequence length, same budget per run"
                    .formatted(name, first.metric()),
                "sequence length T (steps)",
                first.metric()
                    + (first.lowerIsBetter()
                        ? " (log scale, lower is better)"
                        : " (higher is better)"))
            .shapes()
            .horizontalLine(first.threshold(), "success threshold %s".formatted(first.threshold()))
            .horizontalLine(first.chance(), "chance: %.3g".formatted(first.chance()));
    if (first.lowerIsBetter()) {
      chart.logY();
    }
    values.forEach((c, v) -> chart.add(new Series(c.label(), x, v, ChartStyle.cell(c.id()))));
    return chart;
  }
}
