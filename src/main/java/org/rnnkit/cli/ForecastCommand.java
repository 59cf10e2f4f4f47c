package org.rnnkit.cli;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnkit.chart.ChartStyle;
import org.rnnkit.chart.ForecastChart;
import org.rnnkit.chart.LossChart;
import org.rnnkit.data.Datasets;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.data.TimeSeriesCsv;
import org.rnnkit.forecast.ForecastConfig;
import org.rnnkit.forecast.ForecastModelFile;
import org.rnnkit.forecast.HoldoutEvaluation;
import org.rnnkit.forecast.Metrics;
import org.rnnkit.forecast.RecurrentForecaster;
import org.rnnkit.forecast.SeriesTransform;
import org.rnnkit.forecast.TrainedForecaster;
import org.rnnkit.io.AtomicFile;
import org.rnnkit.io.Json;
import org.rnnkit.nn.cell.CellType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit forecast}: trains the recurrent forecaster on a series, compares it with the
 * statistical baselines on a hold-out, and writes the forecast, metrics, charts and model.
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Forecast a time series with an ensemble of recurrent networks and compare it with naive,"
          + " seasonal naive, drift and Holt-Winters forecasts on a hold-out.",
      "Without --data it runs the embedded AirPassengers series (1949-1960), holding out the"
          + " last 24 months."
    })
final class ForecastCommand implements Callable<Integer> {
  private static final String DEFAULT_DATA = "AirPassengers";

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "FILE",
      description =
          "CSV with a header: a first column of dates (YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD or"
              + " YYYY-MM-DD HH:mm; dates in other forms are refused), or none, and values"
              + " (default: the embedded AirPassengers)")
  Path data;

  @Option(
      names = "--column",
      paramLabel = "NAME",
      description =
          "value column (default: the only numeric column that is not a date or time index such"
              + " as t, step or index; among several, the one named value or y)")
  String column;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description =
          "forecast with a saved model.npz instead of training: from the history in --data (dated"
              + " rows are placed by their dates), --horizon steps (default: the trained horizon)")
  Path model;

  @Option(
      names = "--interpolate",
      description = "fill missing values by linear interpolation instead of failing")
  boolean interpolate;

  @Option(
      names = "--season",
      paramLabel = "M",
      description =
          "season length (default: from the dates: 12 monthly, 4 quarterly, 52 weekly, 7 daily, 24"
              + " hourly, 1 yearly)")
  Integer season;

  @Option(
      names = "--holdout",
      paramLabel = "H",
      description =
          "evaluate on the last H values; 0 forecasts beyond the data (default: 24 for the embedded data, else 2 seasons, at least 6)")
  Integer holdout;

  @Option(
      names = "--horizon",
      paramLabel = "H",
      description = "steps to forecast (default: the hold-out, or 2 seasons, at least 6)")
  Integer horizon;

  @Option(
      names = "--cell",
      paramLabel = "CELL",
      description = "rnn, rnn_relu, lstm or gru (default: ${DEFAULT-VALUE})",
      defaultValue = "gru")
  String cell;

  @Mixin CellVariantOptions variants;

  @Mixin HiddenOption hidden = new HiddenOption(32);

  @Option(
      names = "--layers",
      paramLabel = "N",
      description = "stacked recurrent layers (default: ${DEFAULT-VALUE})",
      defaultValue = "1")
  int layers;

  @Option(
      names = "--window",
      paramLabel = "W",
      description = "input window (default: 2 seasons, at least 8)")
  int window;

  @Option(
      names = "--strategy",
      paramLabel = "S",
      description = "direct or recursive (default: ${DEFAULT-VALUE})",
      defaultValue = "direct")
  String strategy;

  @Option(
      names = "--transform",
      paramLabel = "T",
      description =
          "auto (log if positive), log, boxcox (lambda by Guerrero's method) or none (default: ${DEFAULT-VALUE})",
      defaultValue = "auto")
  String transform;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description =
          "most epochs per network; early stopping usually ends sooner (default: ${DEFAULT-VALUE})",
      defaultValue = "300")
  int epochs;

  @Option(
      names = "--patience",
      paramLabel = "N",
      description =
          "early stopping: stop after N epochs without a better validation loss and keep the best"
              + " weights; 0 trains every epoch (default: ${DEFAULT-VALUE})",
      defaultValue = "30")
  int patience;

  @Option(
      names = "--min-epochs",
      paramLabel = "N",
      description =
          "on a validation set of fewer than "
              + ForecastConfig.SMALL_VALIDATION
              + " windows, early stopping neither stops nor keeps weights before epoch N"
              + " (default: ${DEFAULT-VALUE})",
      defaultValue = ForecastConfig.MIN_EPOCHS + "")
  int minEpochs;

  @Mixin LearningRateOption learningRate = new LearningRateOption(0.005);

  @Mixin RecurrentDropoutOption recurrentDropout = new RecurrentDropoutOption();

  @Option(
      names = "--ensemble",
      paramLabel = "N",
      description =
          "networks trained from different seeds; the forecast is their median (default: ${DEFAULT-VALUE})",
      defaultValue = "5")
  int ensemble;

  @Mixin SeedOption seed = new SeedOption(42);

  @Mixin OutOption out = new OutOption("rnnkit-forecast");

  @Option(names = "--quiet", description = "no progress bar and no table; only errors")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    if (model != null) {
      return forecastWithSavedModel();
    }
    TimeSeries series = readSeries();
    UserError.whenInvalid(
        () -> {
          SeriesTransform.checkMagnitude(series);
          return series;
        });
    int m = season != null ? season : series.frequency().season();
    if (m < 1 || m > series.size()) {
      throw new UserError(
          "--season must be at least 1 and at most the %d values of %s, got %d"
              .formatted(series.size(), series.name(), m));
    }
    int held = holdout != null ? holdout : data == null ? 24 : Math.max(6, 2 * m);
    int steps = horizon != null ? horizon : held > 0 ? held : Math.max(6, 2 * m);
    if (held < 0 || steps < 1) {
      throw new UserError(
          "--holdout must be 0 or more and --horizon at least 1, got %d and %d"
              .formatted(held, steps));
    }
    ForecastConfig config = config();
    RecurrentForecaster forecaster = new RecurrentForecaster(config, m, null);
    long needed = forecaster.minimumHistory(steps) + held;
    if (series.size() < needed) {
      throw new UserError(
          "%s has %d values; a window of %d, a horizon of %d and a hold-out of %d need at least %d. Use a longer series or smaller --window, --horizon or --holdout"
              .formatted(series.name(), series.size(), config.windowFor(m), steps, held, needed));
    }
    checkMemory(config, config.windowFor(m), steps, series.size());
    if ((config.power() == SeriesTransform.Power.LOG
            || config.power() == SeriesTransform.Power.BOX_COX)
        && java.util.Arrays.stream(series.values()).anyMatch(v -> v <= 0)) {
      throw new UserError(
          "--transform %s needs positive values, but %s has values <= 0; use --transform none"
              .formatted(transform, series.name()));
    }

    try (RunFolder run = prepareOut()) {
      long start = System.nanoTime();
      HoldoutEvaluation eval;
      if (quiet) {
        eval = HoldoutEvaluation.run(series, m, held, steps, forecaster);
      } else {
        try (Progress progress =
            Progress.perEpoch(spec.commandLine().getErr(), "training", config.ensemble(), epochs)) {
          eval =
              HoldoutEvaluation.run(
                  series, m, held, steps, new RecurrentForecaster(config, m, progress));
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      writeOutputs(eval, config, run.staging());
      run.commit();
      if (!quiet) {
        report(eval, seconds);
      }
    }
    return 0;
  }

  /** The files a training run writes, all replaced together ({@link RunFolder}). */
  private static final List<String> OUTPUTS =
      List.of("forecast.csv", "metrics.json", "forecast.png", "loss.png", "model.npz");

  /** Checks --out before training: see {@link RunFolder#prepare}. */
  private RunFolder prepareOut() throws IOException {
    try {
      return RunFolder.prepare(out.value(), java.util.Set.copyOf(OUTPUTS));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /**
   * Refuses sizes whose training would not fit the JVM (see {@link MemoryCheck}): networks trained
   * side by side, every network's weights kept, and the training windows of {@code length} values.
   */
  private static void checkMemory(ForecastConfig config, int window, int steps, int length) {
    int outputs = config.strategy() == ForecastConfig.Strategy.DIRECT ? steps : 1;
    var network =
        new MemoryCheck.Network(
            config.cell().create().gateCount(), 2, config.hidden(), config.layers(), 1, outputs);
    double concurrent = config.trainingThreads();
    double windows = 8.0 * 2 * length * (2.0 * window + outputs);
    double bytes =
        concurrent * network.trainingBytes(window, config.batchSize())
            + 2 * 8 * network.parameters() * config.ensemble()
            + windows;
    MemoryCheck.require(
        "--hidden %d --layers %d --ensemble %d --window %d --horizon %d"
            .formatted(config.hidden(), config.layers(), config.ensemble(), window, steps),
        bytes,
        network.largestMatrix(window, config.batchSize()));
  }

  private TimeSeries readSeries() throws IOException {
    var options = new TimeSeriesCsv.Options(column, interpolate);
    if (data == null) {
      return Datasets.load(DEFAULT_DATA);
    }
    if (!Files.isRegularFile(data)) {
      throw new UserError("cannot read " + data + ": no such file; check the --data path");
    }
    if (Files.size(data) == 0) {
      throw new UserError(data + " is empty; expected a CSV with a header and one row per value");
    }
    try {
      return TimeSeriesCsv.read(data, options, this::notice);
    } catch (IllegalArgumentException e) { // the user's file does not hold a series
      throw new UserError(e.getMessage(), e);
    }
  }

  /** A choice made for the user, said on standard error (not with --quiet). */
  private void notice(String message) {
    if (!quiet) {
      spec.commandLine().getErr().println("rnnkit forecast: note: " + message);
      spec.commandLine().getErr().flush();
    }
  }

  private ForecastConfig config() {
    ForecastConfig.Strategy s =
        switch (strategy.toLowerCase(Locale.ROOT)) {
          case "direct" -> ForecastConfig.Strategy.DIRECT;
          case "recursive" -> ForecastConfig.Strategy.RECURSIVE;
          default ->
              throw new UserError("--strategy must be direct or recursive, got '" + strategy + "'");
        };
    SeriesTransform.Power p =
        switch (transform.toLowerCase(Locale.ROOT)) {
          case "auto" -> SeriesTransform.Power.AUTO;
          case "log" -> SeriesTransform.Power.LOG;
          case "none" -> SeriesTransform.Power.NONE;
          case "boxcox" -> SeriesTransform.Power.BOX_COX;
          default ->
              throw new UserError(
                  "--transform must be auto, log, boxcox or none, got '" + transform + "'");
        };
    if (layers < 1 || epochs < 1 || ensemble < 1 || window < 0) {
      throw new UserError(
          "--layers, --epochs and --ensemble must be at least 1 and --window 0 or more");
    }
    if (patience < 0 || minEpochs < 0) {
      throw new UserError(
          "--patience and --min-epochs must be 0 or more, got %d and %d"
              .formatted(patience, minEpochs));
    }
    CellType cellType = UserError.whenInvalid(() -> CellType.parse(cell));
    return ForecastConfig.builder()
        .cell(cellType)
        .cellOptions(variants.options(cellType))
        .hidden(hidden.value())
        .layers(layers)
        .window(window)
        .strategy(s)
        .power(p)
        .epochs(epochs)
        .ensemble(ensemble)
        .learningRate(learningRate.value())
        .patience(patience)
        .minEpochs(minEpochs)
        .recurrentDropout(recurrentDropout.value())
        .seed(seed.value())
        .build();
  }

  /** Writes the outputs into {@code folder}, the staging folder of the run. */
  private static void writeOutputs(HoldoutEvaluation eval, ForecastConfig config, Path folder)
      throws IOException {
    AtomicFile.writeString(folder.resolve("forecast.csv"), forecastCsv(eval));
    Json.write(folder.resolve("metrics.json"), metricsJson(eval, config));
    String unit = eval.series().name().equals(DEFAULT_DATA) ? "passengers (thousands)" : "value";
    ChartStyle.writePng(
        ForecastChart.create(eval, unit, Math.max(8 * eval.season(), 4 * eval.horizon())),
        folder.resolve("forecast.png"));
    ChartStyle.writePng(
        LossChart.create(
            eval.fitted().histories(),
            "%s: training and validation loss per epoch".formatted(eval.series().name()),
            "MSE (adjusted, scaled units)"),
        folder.resolve("loss.png"));
    ForecastModelFile.save(
        folder.resolve("model.npz"),
        TrainedForecaster.of(eval.fitted(), eval.series().head(eval.trainSize())),
        config);
  }

  /**
   * One row per forecast step: the actual value (with a hold-out), the model with its interval,
   * then every baseline (empty where a baseline failed).
   */
  private static String forecastCsv(HoldoutEvaluation eval) {
    List<String> baselines =
        eval.forecasts().keySet().stream().filter(k -> !k.equals(eval.model())).toList();
    List<String> columns = new java.util.ArrayList<>(baselines);
    columns.addAll(eval.failed().keySet());
    StringBuilder sb = new StringBuilder("date,actual,forecast,lower,upper");
    columns.forEach(c -> sb.append(',').append(c));
    sb.append('\n');
    double[] values = eval.series().values();
    var f = eval.fitted();
    for (int h = 0; h < eval.horizon(); h++) {
      int i = eval.trainSize() + h;
      sb.append(eval.series().label(i))
          .append(',')
          .append(i < values.length && eval.holdout() > 0 ? num(values[i]) : "")
          .append(',')
          .append(num(f.point()[h]))
          .append(',')
          .append(num(f.lower()[h]))
          .append(',')
          .append(num(f.upper()[h]));
      for (String c : columns) {
        double[] b = eval.forecasts().get(c);
        sb.append(',').append(b == null ? "" : num(b[h]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  private static JsonObject metricsJson(HoldoutEvaluation eval, ForecastConfig config) {
    JsonObject root = new JsonObject();
    root.addProperty("model", eval.model());
    var s = eval.series();
    root.addProperty("fitted_on", eval.trainSize());
    root.addProperty("fitted_from", s.label(0));
    root.addProperty("fitted_to", s.label(eval.trainSize() - 1));
    root.addProperty(
        "scored",
        eval.holdout() > 0
            ? "the %d held-out values %s .. %s"
                .formatted(
                    eval.horizon(),
                    s.label(eval.trainSize()),
                    s.label(eval.trainSize() + eval.horizon() - 1))
            : "nothing: no hold-out; every method forecast the %d values after the data"
                .formatted(eval.horizon()));
    JsonObject methods = new JsonObject();
    for (String name : eval.forecasts().keySet()) {
      JsonObject m = new JsonObject();
      m.addProperty("status", "fitted");
      // JSON has no NaN: an undefined metric is null
      Map<String, Double> metrics = eval.metrics().getOrDefault(name, Map.of());
      metrics.forEach(
          (k, v) -> m.add(k, Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE));
      methods.add(name, m);
    }
    eval.failed()
        .forEach(
            (name, why) -> {
              JsonObject m = new JsonObject();
              m.addProperty("status", "failed");
              m.addProperty("error", why);
              methods.add(name, m);
            });
    root.add("methods", methods);
    if (eval.bestBaseline() != null) {
      root.addProperty("ranked_by", eval.scoreName());
      root.addProperty("best_baseline", eval.bestBaseline());
      root.addProperty("model_beats_best_baseline", eval.beatsBestBaseline());
    }
    root.addProperty("series", s.name());
    root.addProperty("season", eval.season());
    root.addProperty("seasonal", eval.seasonal());
    root.addProperty("holdout", eval.holdout());
    root.addProperty("horizon", eval.horizon());
    root.addProperty("interval_level", config.intervalLevel());
    if (!Double.isNaN(eval.coverage())) {
      root.addProperty("interval_coverage", eval.coverage());
    }
    root.addProperty("cell", config.cell().id());
    root.addProperty("layer_norm", config.cellOptions().layerNorm());
    root.addProperty("peepholes", config.cellOptions().peepholes());
    root.addProperty("reset_before", config.cellOptions().resetBefore());
    root.addProperty("ensemble", config.ensemble());
    root.addProperty("patience", config.patience());
    root.addProperty("min_epochs", config.minEpochs());
    com.google.gson.JsonArray restored = new com.google.gson.JsonArray();
    eval.fitted().histories().forEach(h -> restored.add(h.restoredEpoch()));
    root.add("restored_epochs", restored);
    root.addProperty("seed", config.seed());
    return root;
  }

  private void report(HoldoutEvaluation eval, double seconds) {
    PrintWriter w = spec.commandLine().getOut();
    var s = eval.series();
    w.printf(
        "%n%s: %d values, season %d; trained on the first %d in %.1f s%n",
        s.name(), s.size(), eval.season(), eval.trainSize(), seconds);
    if (eval.holdout() > 0) {
      w.printf(
          "hold-out: the last %d values (%s .. %s)%n%n",
          eval.holdout(), s.label(eval.trainSize()), s.label(s.size() - 1));
      w.printf("%-16s", "method");
      for (String name : Metrics.NAMES) {
        w.printf("%10s", name);
      }
      w.println();
      for (Map.Entry<String, Map<String, Double>> e : eval.metrics().entrySet()) {
        w.printf("%-16s", e.getKey());
        for (String name : Metrics.NAMES) {
          w.printf(Locale.ROOT, "%10.3f", e.getValue().get(name));
        }
        w.println();
      }
      w.printf(
          Locale.ROOT,
          "%n%s %d%% prediction interval covers %.0f%% of the hold-out%n",
          eval.model(),
          Math.round(100 * eval.intervalLevel()),
          100 * eval.coverage());
      w.println(verdict(eval));
    } else {
      w.printf(
          "forecast of the next %d values (%s .. %s) in forecast.csv%n",
          eval.horizon(), s.label(s.size()), s.label(s.size() + eval.horizon() - 1));
    }
    eval.failed().forEach((name, why) -> w.printf("%s failed and is left out: %s%n", name, why));
    w.printf(
        "wrote %s%n",
        String.join(", ", OUTPUTS.stream().map(f -> out.value().resolve(f).toString()).toList()));
    w.flush();
  }

  /** Whether the model beat the best baseline on the hold-out, in one sentence. */
  static String verdict(HoldoutEvaluation eval) {
    String best = eval.bestBaseline();
    if (best == null) {
      return "no baseline could be fitted; nothing to compare the %s with".formatted(eval.model());
    }
    String score = eval.scoreName();
    return String.format(
        Locale.ROOT,
        "best baseline: %s (%s %.3f); %s %s it (%s %.3f)",
        best,
        score,
        eval.score(best),
        eval.model(),
        eval.beatsBestBaseline() ? "beat" : "did not beat",
        score,
        eval.score(eval.model()));
  }

  /** {@code forecast --model FILE --data NEW.csv}: a saved forecaster on a new history. */
  private int forecastWithSavedModel() throws IOException {
    if (data == null) {
      throw new UserError("--model needs --data: the history to forecast from");
    }
    if (holdout != null) {
      throw new UserError(
          "--holdout does not apply with --model (nothing is trained); leave it out");
    }
    TrainedForecaster trained = ForecastModelFile.load(model);
    TimeSeries history = readSeries();
    int steps = horizon != null ? horizon : trained.horizon();
    if (steps < 1) {
      throw new UserError("--horizon must be at least 1, got " + steps);
    }
    // each network's path and levels, the median's columns, the forecast and its interval
    MemoryCheck.require(
        "--horizon " + steps,
        8.0 * steps * (trained.ensemble().members().size() + 8),
        (double) history.size() + steps);
    TrainedForecaster.Forecast f;
    try {
      f = trained.forecast(history, steps);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    out.create();
    StringBuilder sb = new StringBuilder("date,forecast,lower,upper\n");
    for (int h = 0; h < steps; h++) {
      sb.append(history.label(history.size() + h))
          .append(',')
          .append(num(f.point()[h]))
          .append(',')
          .append(num(f.lower()[h]))
          .append(',')
          .append(num(f.upper()[h]))
          .append('\n');
    }
    Path csv = out.value().resolve("forecast.csv");
    AtomicFile.writeString(csv, sb.toString());
    if (!quiet) {
      PrintWriter w = spec.commandLine().getOut();
      w.printf(
          Locale.ROOT,
          "%s: %d values to %s; forecast of the next %d (%s .. %s) with the %d%% interval of %s%n",
          history.name(),
          history.size(),
          history.label(history.size() - 1),
          steps,
          history.label(history.size()),
          history.label(history.size() + steps - 1),
          Math.round(100 * f.level()),
          model);
      w.printf("wrote %s%n", csv);
      w.flush();
    }
    return 0;
  }
}
