package org.rnnkit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnkit.bench.LanguageModelWorkload;
import org.rnnkit.bench.Shape;
import org.rnnkit.bench.StepTimer;
import org.rnnkit.bench.Workload;
import org.rnnkit.io.Json;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.linalg.MatMul;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit bench}: a quick timer of one training step (forward over every step, linear head at
 * every step, MSE, BPTT, Adam) and of inference, per cell and config: warm-up, then the median of
 * timed steps. For careful numbers use the JMH benchmarks ({@code -Pjmh}, see README).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Time one training step (forward, linear head at every step, MSE, BPTT, Adam) and inference"
          + " for each cell and config, float64: median ms/step, sequences/s, GFLOP/s (a training"
          + " step counts 3 x forward, forward = 2 T B (I + H) G H) and bytes allocated per step.",
      "Products run on OpenBLAS when it loads (on pinned arrays where rnnkit's JNI shim loads too),"
          + " else pure Java; the system property rnnkit.blas chooses: auto, openblas or java."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--cell",
      paramLabel = "CELLS",
      defaultValue = "all",
      description =
          "lstm, gru, rnn (tanh), rnn_relu, a comma list, or all (lstm, gru and rnn)"
              + " (default: ${DEFAULT-VALUE})")
  String cells;

  @Option(
      names = "--config",
      paramLabel = "CONFIG",
      defaultValue = "small",
      description =
          "I,H,T,B or a name: small is 1,32,24,32, medium 64,128,64,32, large 256,256,100,64,"
              + " all the three; repeat the option for several (default: ${DEFAULT-VALUE})")
  List<String> configs;

  @Option(
      names = "--lm",
      paramLabel = "V,D,H,L,T,B",
      arity = "0..1",
      fallbackValue = LanguageModelWorkload.DEFAULT,
      description =
          "time the character language model's training update instead (embedding, L layers,"
              + " softmax head over V at every step, cross-entropy, BPTT, clipping, Adam): V"
              + " symbols, D embedding, H hidden, L layers, T chars per chunk, B streams; without a"
              + " value, text train's (default: "
              + LanguageModelWorkload.DEFAULT
              + ")")
  String lm;

  @Mixin ThreadsOption threads = new ThreadsOption(1);

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "2",
      description =
          "seconds of timed steps per measurement, after as long a warm-up"
              + " (default: ${DEFAULT-VALUE})")
  String seconds;

  @Option(names = "--json", description = "one JSON object per line instead of a table")
  boolean json;

  /**
   * Refuses a shape whose workload would not fit the JVM ({@link MemoryCheck}): the cell with the
   * most gates trained on a batch, its inputs and targets held.
   */
  private static void checkMemory(Shape shape, List<CellType> cellTypes) {
    int gates = cellTypes.stream().mapToInt(c -> c.create().gateCount()).max().orElse(1);
    var network = new MemoryCheck.Network(gates, shape.inputSize(), shape.hiddenSize(), 1, 1, 1);
    double data = 2 * 8.0 * shape.steps() * shape.batch() * (shape.inputSize() + 1);
    MemoryCheck.require(
        "--config %d,%d,%d,%d"
            .formatted(shape.inputSize(), shape.hiddenSize(), shape.steps(), shape.batch()),
        network.trainingBytes(shape.steps(), shape.batch()) + data,
        Math.max(
            network.largestMatrix(shape.steps(), shape.batch()),
            (double) shape.steps() * shape.batch() * shape.inputSize()));
  }

  @Override
  public Integer call() {
    List<CellType> cellTypes = parseCells(cells);
    List<Shape> shapes = parseConfigs(configs);
    shapes.forEach(shape -> checkMemory(shape, cellTypes));
    int threadCount = threads.value();
    double secs = positiveSeconds(seconds);
    MatMul.setThreads(threadCount);
    String backend = MatMul.current().name();
    StepTimer timer = new StepTimer(secs, secs, 3, 10_000);
    PrintWriter out = spec.commandLine().getOut();
    if (lm != null) {
      timeLanguageModel(cellTypes, timer, threadCount, backend, out);
      return 0;
    }
    if (!json) {
      out.printf(
          "rnnkit bench: float64, %s products, %d thread(s); train = forward + linear head + MSE +"
              + " BPTT + Adam, GFLOP/s counts 3 x forward%n",
          backend, threadCount);
      out.printf(
          "%-8s %-16s %10s %9s %8s %12s | %10s %9s %8s %12s%n",
          "cell",
          "config I,H,T,B",
          "train ms",
          "seq/s",
          "GFLOP/s",
          "bytes/step",
          "infer ms",
          "seq/s",
          "GFLOP/s",
          "bytes/step");
      out.flush();
    }
    for (Shape shape : shapes) {
      for (CellType cell : cellTypes) {
        Workload w = new Workload(cell, shape, 42);
        StepTimer.Timing train = timer.time(w::trainStep);
        StepTimer.Timing infer = timer.time(w::infer);
        double flops = w.forwardFlops();
        if (json) {
          out.println(jsonLine(cell, shape, threadCount, backend, flops, train, infer));
        } else {
          out.printf(
              "%-8s %-16s %10.3f %9.0f %8.2f %12.0f | %10.3f %9.0f %8.2f %12.0f%n",
              name(cell),
              shape.name() + " " + sizes(shape),
              train.millisPerStep(),
              shape.batch() / (train.millisPerStep() / 1e3),
              3 * flops / (train.millisPerStep() / 1e3) / 1e9,
              train.bytesPerStep(),
              infer.millisPerStep(),
              shape.batch() / (infer.millisPerStep() / 1e3),
              flops / (infer.millisPerStep() / 1e3) / 1e9,
              infer.bytesPerStep());
        }
        out.flush();
      }
    }
    return 0;
  }

  private static String jsonLine(
      CellType cell,
      Shape shape,
      int threads,
      String backend,
      double flops,
      StepTimer.Timing train,
      StepTimer.Timing infer) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cell", name(cell));
    m.put("config", shape.name());
    m.put("threads", threads);
    m.put("train_ms_per_step", round(train.millisPerStep()));
    m.put("infer_ms_per_step", round(infer.millisPerStep()));
    m.put("train_gflops", round(3 * flops / (train.millisPerStep() / 1e3) / 1e9));
    m.put("bytes_per_step", Math.round(train.bytesPerStep()));
    m.put("infer_gflops", round(flops / (infer.millisPerStep() / 1e3) / 1e9));
    m.put("train_sequences_per_s", round(shape.batch() / (train.millisPerStep() / 1e3)));
    m.put("infer_sequences_per_s", round(shape.batch() / (infer.millisPerStep() / 1e3)));
    m.put("infer_bytes_per_step", Math.round(infer.bytesPerStep()));
    m.put("I", shape.inputSize());
    m.put("H", shape.hiddenSize());
    m.put("T", shape.steps());
    m.put("B", shape.batch());
    m.put("backend", backend);
    m.put("timed_steps", train.steps());
    return Json.line(m);
  }

  private void timeLanguageModel(
      List<CellType> cellTypes, StepTimer timer, int threadCount, String backend, PrintWriter out) {
    if (!json) {
      out.printf(
          "rnnkit bench --lm: float64, %s products, %d thread(s); one update = embedding + L layers"
              + " + softmax head + cross-entropy + BPTT + clipping + Adam%n",
          backend, threadCount);
      out.printf(
          "%-8s %-22s %10s %12s %12s%n",
          "cell", "V,D,H,L,T,B", "train ms", "chars/s", "bytes/step");
    }
    for (CellType cell : cellTypes) {
      LanguageModelWorkload w;
      try {
        w = LanguageModelWorkload.parse(cell, lm);
      } catch (IllegalArgumentException e) {
        throw new UserError("--lm: " + e.getMessage());
      }
      StepTimer.Timing t = timer.time(w.trainStep(42));
      double charsPerSecond = w.charactersPerStep() / (t.millisPerStep() / 1e3);
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", "lm");
        m.put("cell", name(cell));
        m.put("config", w.sizes());
        m.put("threads", threadCount);
        m.put("train_ms_per_step", round(t.millisPerStep()));
        m.put("chars_per_s", round(charsPerSecond));
        m.put("bytes_per_step", Math.round(t.bytesPerStep()));
        m.put("backend", backend);
        m.put("timed_steps", t.steps());
        out.println(Json.line(m));
      } else {
        out.printf(
            "%-8s %-22s %10.3f %12.0f %12.0f%n",
            name(cell), w.sizes(), t.millisPerStep(), charsPerSecond, t.bytesPerStep());
      }
      out.flush();
    }
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  /** The comparison's name: {@code rnn} for the tanh RNN. */
  private static String name(CellType cell) {
    return cell == CellType.RNN_TANH ? "rnn" : cell.id();
  }

  private static String sizes(Shape s) {
    return "%d,%d,%d,%d".formatted(s.inputSize(), s.hiddenSize(), s.steps(), s.batch());
  }

  private static List<CellType> parseCells(String value) {
    LinkedHashSet<CellType> out = new LinkedHashSet<>();
    for (String name : value.split(",")) {
      if (name.trim().equalsIgnoreCase("all")) {
        out.addAll(List.of(CellType.LSTM, CellType.GRU, CellType.RNN_TANH));
      } else {
        try {
          out.add(CellType.parse(name));
        } catch (IllegalArgumentException e) {
          throw new UserError("--cell: " + e.getMessage() + " or all");
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static List<Shape> parseConfigs(List<String> values) {
    LinkedHashSet<Shape> out = new LinkedHashSet<>();
    for (String value : values) {
      if (value.trim().toLowerCase(Locale.ROOT).equals("all")) {
        out.addAll(Shape.PRESETS);
      } else {
        try {
          out.add(Shape.parse(value));
        } catch (IllegalArgumentException e) {
          throw new UserError("--config: " + e.getMessage());
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static double positiveSeconds(String value) {
    try {
      double s = Double.parseDouble(value.trim());
      if (s > 0 && s <= 600) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UserError("--seconds must be a number in (0, 600], got '%s'".formatted(value));
  }
}
