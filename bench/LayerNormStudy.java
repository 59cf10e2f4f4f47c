import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rnnkit.chart.ChartStyle;
import org.rnnkit.chart.LineChart;
import org.rnnkit.chart.Series;
import org.rnnkit.data.Batch;
import org.rnnkit.diagnostics.GradientFlowHistory;
import org.rnnkit.io.Json;
import org.rnnkit.tasks.AddingProblem;
import org.rnnkit.tasks.Budget;
import org.rnnkit.tasks.CellChoice;
import org.rnnkit.tasks.CopyMemory;
import org.rnnkit.tasks.Task;
import org.rnnkit.tasks.TaskRun;

/**
 * Issue 17's long-range experiment: plain against layer-normalised LSTM and GRU on one task, at
 * the same budget (updates, batch, Adam, clipping, H), with the gradient flow ||dL/dh[t]|| on a
 * fixed batch of 16 before training and after every epoch (GradientFlowHistory). Writes
 * {task}-loss.png, {task}-flow-init.png, {task}-flow-trained.png and {task}.json to the folder.
 *
 * <pre>
 *   java -cp target/rnnkit.jar bench/LayerNormStudy.java OUT adding 100 UPDATES [SEED]
 *   java -cp target/rnnkit.jar bench/LayerNormStudy.java OUT copy 100 UPDATES [SEED]
 * </pre>
 */
public class LayerNormStudy {
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    String name = args[1];
    int length = Integer.parseInt(args[2]);
    int updates = Integer.parseInt(args[3]);
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 0;
    Task task =
        name.equals("adding") ? new AddingProblem(length) : new CopyMemory(length, 10, 8);
    Budget budget = Budget.builder().updates(updates).build();
    List<CellChoice> cells =
        List.of(CellChoice.LSTM, CellChoice.LSTM_LN, CellChoice.GRU, CellChoice.GRU_LN);
    Batch probe = Batch.of(task.generate(16, new Random(seed + 2)));
    String stem = "%s-T%d".formatted(task.name(), task.length());
    LineChart loss =
        new LineChart(
                "%s, T = %d: training loss, plain and layer-normalised cells, %d updates each"
                    .formatted(task.name(), task.length(), updates),
                "epoch (%d updates each)".formatted(budget.batchesPerEpoch()),
                "training loss, mean over the epoch (log scale)")
            .logY();
    if (task.lowerIsBetter()) {
      loss.horizontalLine(task.chance(), "chance: %.3g".formatted(task.chance()));
    }
    LineChart flowInit =
        new LineChart(
                "%s, T = %d: gradient flow at initialisation".formatted(task.name(), length),
                "time step t",
                "||dL/dh[t]||, fixed batch of 16 (log scale)")
            .logY();
    LineChart flowTrained =
        new LineChart(
                "%s, T = %d: gradient flow after %d updates".formatted(task.name(), length, updates),
                "time step t",
                "||dL/dh[t]||, fixed batch of 16 (log scale)")
            .logY();
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("task", task.name());
    results.put("length", task.length());
    results.put("budget", budget);
    results.put("seed", seed);
    System.out.printf(
        "%s T=%d, %d updates of %d, Adam %s, clip %s, H=%d, seed %d%n",
        task.name(), length, updates, budget.batchSize(), budget.learningRate(),
        budget.clipNorm(), budget.hiddenSize(), seed);
    System.out.printf(
        "%-8s %-10s %-8s %-22s %-22s %-22s %s%n",
        "cell", task.metric(), "solved", "flow t=1/t=T init", "flow t=1/t=T trained",
        "flow median trained", "seconds");
    for (CellChoice cell : cells) {
      List<GradientFlowHistory> flow = new ArrayList<>();
      long start = System.nanoTime();
      TaskRun.Result r =
          TaskRun.run(
              task,
              cell,
              budget,
              seed,
              model -> {
                var h = new GradientFlowHistory(model, task.loss(), probe.input(), probe.target());
                flow.add(h);
                return List.of(h);
              });
      double seconds = (System.nanoTime() - start) / 1e9;
      double[][] norms = flow.get(0).norms();
      double[] first = norms[0];
      double[] last = norms[norms.length - 1];
      ChartStyle.Look look = ChartStyle.cell(cell.id());
      loss.add(Series.indexed(cell.label(), r.history().trainLosses()).withLook(look));
      flowInit.add(Series.indexed(cell.label(), first).withLook(look));
      flowTrained.add(Series.indexed(cell.label(), last).withLook(look));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(task.metric(), r.score().value());
      row.put("solved", r.score().success());
      row.put("diverged", r.diverged());
      row.put("flow_ratio_init", ratio(first));
      row.put("flow_ratio_trained", ratio(last));
      row.put("flow_init", first);
      row.put("flow_trained", last);
      row.put("train_loss", r.history().trainLosses());
      row.put("seconds", seconds);
      results.put(cell.id(), row);
      System.out.printf(
          "%-8s %-10.4g %-8s %-22.3g %-22.3g %-22.3g %.0f%n",
          cell.id(), r.score().value(), r.score().success(), ratio(first), ratio(last),
          median(last), seconds);
    }
    loss.write(out.resolve(stem + "-loss.png"));
    flowInit.write(out.resolve(stem + "-flow-init.png"));
    flowTrained.write(out.resolve(stem + "-flow-trained.png"));
    Json.write(out.resolve(stem + ".json"), results);
  }

  /** ||dL/dh[1]|| / ||dL/dh[T]||: how much of the gradient reaches the first step. */
  private static double ratio(double[] norms) {
    return norms[0] / norms[norms.length - 1];
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }
}
