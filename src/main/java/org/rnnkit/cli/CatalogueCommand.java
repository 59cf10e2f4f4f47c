package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnkit.chart.CatalogueCharts;
import org.rnnkit.chart.ChartStyle;
import org.rnnkit.data.Catalogue;
import org.rnnkit.data.CatalogueSeries;
import org.rnnkit.data.Frequency;
import org.rnnkit.forecast.ForecastConfig;
import org.rnnkit.forecast.Forecaster;
import org.rnnkit.forecast.catalogue.Backtest;
import org.rnnkit.forecast.catalogue.CatalogueModel;
import org.rnnkit.forecast.catalogue.CatalogueResult;
import org.rnnkit.forecast.catalogue.CombinedModel;
import org.rnnkit.forecast.catalogue.GlobalConfig;
import org.rnnkit.forecast.catalogue.GlobalForecaster;
import org.rnnkit.forecast.catalogue.LocalModel;
import org.rnnkit.forecast.catalogue.SeriesInput;
import org.rnnkit.forecast.m4.M4Benchmarks;
import org.rnnkit.nn.cell.CellType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit catalogue}: forecasts many series at once with one global network (or one network
 * per series), backtests it at rolling origins, calibrates its intervals from the backtest errors,
 * compares it with the statistical benchmarks, and writes the tables and charts.
 */
@Command(
    name = "catalogue",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Forecast a catalogue of many series with one global recurrent network (or one network per"
          + " series), backtested at rolling origins, with 80%% and 95%% intervals calibrated on the"
          + " backtest errors, beside M4's benchmarks (Naive2, SES, Holt, Damped, Theta, Comb).",
      "Writes forecasts.csv, metrics.csv, metrics.json, series.png and mase.png."
    })
final class CatalogueCommand implements Callable<Integer> {
  /** OWA is relative to M4's Naive2. */
  private static final String REFERENCE = "naive2";

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "PATH",
      required = true,
      description =
          "the catalogue: a long table (series_id,date,value), a folder of single-series CSV files"
              + " (each named by its file) or M4's wide table (id, then values)")
  Path data;

  @Option(
      names = "--format",
      paramLabel = "F",
      description =
          "long, folder or wide (default: from the path: a folder, a wide table whose header"
              + " starts V1,V2, else long)")
  String format;

  @Option(
      names = "--id-column",
      paramLabel = "NAME",
      description = "the long table's series id column (default: ${DEFAULT-VALUE})",
      defaultValue = "series_id")
  String idColumn;

  @Option(
      names = "--date-column",
      paramLabel = "NAME",
      description = "the long table's date column (default: ${DEFAULT-VALUE})",
      defaultValue = "date")
  String dateColumn;

  @Option(
      names = "--value-column",
      paramLabel = "NAME",
      description =
          "the value column (default: value in a long table; in a folder, chosen per file as"
              + " forecast --data chooses it)")
  String valueColumn;

  @Mixin BacktestOptions backtest = new BacktestOptions();

  @Option(
      names = "--model",
      paramLabel = "KIND",
      description =
          "global (one network across every series) or local (the forecast command's networks,"
              + " fitted per series; much slower) (default: ${DEFAULT-VALUE})",
      defaultValue = "global")
  String model;

  @Option(
      names = "--combine",
      paramLabel = "METHODS",
      description =
          "M4 benchmarks whose forecasts are combined with the network's, step by step, by the"
              + " median (each refitted on the same history); none for the network alone; auto"
              + " for the median with damped and theta or the network alone, whichever has the"
              + " lower OWA at the backtest origins (the median without origins)"
              + " (default: ${DEFAULT-VALUE})",
      defaultValue = "auto")
  String combine;

  @Option(
      names = "--refit",
      negatable = true,
      description =
          "after the backtest, fit the network again on each series' whole training part for the"
              + " final forecast (--no-refit: one fit, before the backtest origins, for everything;"
              + " about half the time) (default: ${DEFAULT-VALUE})",
      defaultValue = "true",
      fallbackValue = "true")
  boolean refit;

  @Option(
      names = "--cell",
      paramLabel = "CELL",
      description = "rnn, rnn_relu, lstm or gru (default: ${DEFAULT-VALUE})",
      defaultValue = "gru")
  String cell;

  @Option(
      names = "--hidden",
      paramLabel = "N",
      description =
          "hidden size (default: 48 for the global network, the forecast command's for --model"
              + " local)")
  Integer hidden;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description =
          "most epochs per network (default: 30 for the global network, the forecast command's"
              + " for --model local)")
  Integer epochs;

  @Option(
      names = "--ensemble",
      paramLabel = "N",
      description =
          "networks from different seeds; the forecast is their median (default: 4 for the global"
              + " network, the forecast command's for --model local)")
  Integer ensemble;

  @Option(
      names = "--windows-per-series",
      paramLabel = "N",
      description =
          "training windows drawn from each series per epoch, so long series do not drown short"
              + " ones (default: ${DEFAULT-VALUE})",
      defaultValue = "20")
  int windowsPerSeries;

  @Option(
      names = "--window",
      paramLabel = "W",
      description =
          "input steps of each window the global network reads; 0 chooses max(season, 4 x"
              + " horizon, 8) (default: ${DEFAULT-VALUE})",
      defaultValue = "0")
  int window;

  @Mixin LossOption loss = new LossOption();

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "random seed (default: ${DEFAULT-VALUE})",
      defaultValue = "42")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "output folder (default: ${DEFAULT-VALUE})",
      defaultValue = "rnnkit-catalogue")
  Path out;

  @Option(names = "--quiet", description = "no progress bars and no table; only errors")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    try (RunFolder run = prepareOut()) {
      return call(run);
    }
  }

  private int call(RunFolder run) throws IOException {
    Catalogue read = readCatalogue();
    int m = read.season();
    Frequency frequency = read.frequency() == null ? Frequency.UNDATED : read.frequency();
    List<SeriesInput> catalogue = new ArrayList<>();
    for (CatalogueSeries s : read.series()) {
      catalogue.add(
          s.usable()
              ? SeriesInput.of(s.id(), s.toTimeSeries())
              : SeriesInput.failed(s.id(), s.problem()));
    }
    int origins = backtest.origins();
    int steps = backtest.horizon() != null ? backtest.horizon() : frequency.defaultHorizon(m);
    int held = backtest.holdout() != null ? backtest.holdout() : steps;
    if (steps < 1 || origins < 0 || (held != 0 && held != steps)) {
      throw new UserError(
          "--horizon must be at least 1, --origins 0 or more and --holdout 0 or the horizon (%d),"
                  .formatted(steps)
              + " got %d, %d and %d".formatted(steps, origins, held));
    }
    var setup = new Backtest.Setup(steps, held > 0, origins, m, new double[] {0.8, 0.95}, refit);
    List<Forecaster> baselines = M4Benchmarks.all(m);
    List<Forecaster> combined = combined(baselines);
    checkModel();
    CatalogueResult result = run(catalogue, setup, combined, baselines);
    writeOutputs(result, run.staging());
    run.commit();
    if (!quiet) {
      report(result);
    }
    return 0;
  }

  /** Whether --combine leaves the choice to the backtest. */
  private boolean autoCombine() {
    return combine.trim().equalsIgnoreCase("auto");
  }

  /**
   * The benchmarks named by --combine, out of {@code baselines}; none for "none"; Damped and Theta
   * for "auto".
   */
  private List<Forecaster> combined(List<Forecaster> baselines) {
    if (combine.trim().equalsIgnoreCase("none")) {
      return List.of();
    }
    String names = autoCombine() ? "damped,theta" : combine;
    List<Forecaster> out = new ArrayList<>();
    for (String name : names.split(",")) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      out.add(
          baselines.stream()
              .filter(b -> b.name().equals(n))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UserError(
                          ("--combine takes auto, none, or benchmarks out of %s separated by"
                                  + " commas; got '%s'")
                              .formatted(String.join(",", M4Benchmarks.NAMES), name))));
    }
    return out;
  }

  /** The network (global or local), combined with the --combine benchmarks. */
  private CatalogueModel model(List<Forecaster> combined, Progress progress) {
    CatalogueModel network = global() ? globalModel() : localModel(progress);
    if (combined.isEmpty()) {
      return network;
    }
    return autoCombine()
        ? CombinedModel.chosenByBacktest(network, combined)
        : new CombinedModel(network, combined, CombinedModel.Rule.MEDIAN);
  }

  private CatalogueResult run(
      List<SeriesInput> catalogue,
      Backtest.Setup setup,
      List<Forecaster> combined,
      List<Forecaster> baselines) {
    if (quiet) {
      return UserError.whenInvalid(
          () ->
              Backtest.run(
                  catalogue, setup, model(combined, null), baselines, REFERENCE, null, null));
    }
    PrintWriter err = spec.commandLine().getErr();
    boolean global = global();
    int fits = setup.refits() ? 2 : 1;
    // one bar at a time: training, then the backtest of each series (started by its first series)
    Progress[] scoring = new Progress[1];
    Progress training =
        global
            ? Progress.perEpoch(
                err, "training", fits * globalConfig().ensemble(), globalConfig().epochs())
            : Progress.perItem(err, "training", (long) fits * catalogue.size(), "series");
    try {
      Runnable seriesDone =
          () -> {
            synchronized (scoring) {
              if (scoring[0] == null) {
                training.close();
                err.println();
                scoring[0] = Progress.perItem(err, "backtest", catalogue.size(), "series");
              }
              scoring[0].step();
            }
          };
      return UserError.whenInvalid(
          () ->
              Backtest.run(
                  catalogue,
                  setup,
                  model(combined, training),
                  baselines,
                  REFERENCE,
                  global ? training : null,
                  seriesDone));
    } finally {
      training.close();
      if (scoring[0] != null) {
        scoring[0].close();
      }
      // end the bar's line, so that an error (or the report) starts on a line of its own
      err.println();
    }
  }

  /** Fails with a user error unless --model and --cell name a model and the sizes are valid. */
  private void checkModel() {
    UserError.whenInvalid(() -> CellType.parse(cell));
    String[] names = {"--hidden", "--epochs", "--ensemble"};
    Integer[] sizes = {hidden, epochs, ensemble};
    for (int i = 0; i < names.length; i++) {
      if (sizes[i] != null && sizes[i] < 1) {
        throw new UserError("%s must be at least 1, got %d".formatted(names[i], sizes[i]));
      }
    }
    if (windowsPerSeries < 1 || window < 0) {
      throw new UserError(
          "--windows-per-series must be at least 1 and --window 0 (the rule) or more, got %d and %d"
              .formatted(windowsPerSeries, window));
    }
    if (!List.of("global", "local").contains(model.toLowerCase(Locale.ROOT))) {
      throw new UserError("--model must be global or local, got '" + model + "'");
    }
    if (global()) {
      globalModel();
      return;
    }
    loss.refuseForLocalModel();
    for (String option : List.of("--window", "--windows-per-series")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        throw new UserError(
            option
                + " applies to --model global only (the local model reads the forecast command's"
                + " windows); drop it or use --model global");
      }
    }
    UserError.whenInvalid(this::localConfig);
  }

  private boolean global() {
    return model.toLowerCase(Locale.ROOT).equals("global");
  }

  private GlobalForecaster globalModel() {
    return new GlobalForecaster(globalConfig());
  }

  /** The global network's settings: its defaults with the options given. */
  private GlobalConfig globalConfig() {
    CellType type = UserError.whenInvalid(() -> CellType.parse(cell));
    return UserError.whenInvalid(
        () ->
            GlobalConfig.defaults().toBuilder()
                .cell(type)
                .sizes(hidden, epochs, ensemble)
                .windowsPerSeries(windowsPerSeries)
                .window(window)
                .loss(loss.value())
                .seed(seed)
                .build());
  }

  /** The local model's settings: the forecast command's defaults with the options given. */
  private ForecastConfig localConfig() {
    return ForecastConfig.builder()
        .cell(CellType.parse(cell))
        .sizes(hidden, epochs, ensemble)
        .seed(seed)
        .build();
  }

  private CatalogueModel localModel(Progress progress) {
    return new LocalModel(localConfig(), progress == null ? null : i -> progress.step());
  }

  /** The catalogue at --data; a catalogue that cannot be read is a user error. */
  private Catalogue readCatalogue() throws IOException {
    if (!Files.exists(data)) {
      throw new UserError(
          "cannot read " + data + ": no such file or folder; check the --data path");
    }
    var options =
        new Catalogue.Options(
            idColumn, dateColumn, valueColumn, backtest.season() == null ? 0 : backtest.season());
    if (format != null) {
      boolean folder = format(format) == Catalogue.Format.FOLDER;
      if (folder != Files.isDirectory(data)) {
        throw new UserError(
            "--format %s needs %s, but %s is %s; give --format %s or leave --format out"
                .formatted(
                    format,
                    folder ? "a folder of CSV files" : "a file",
                    data,
                    folder ? "a file" : "a folder",
                    folder ? "long or wide" : "folder"));
      }
    }
    try {
      return format == null
          ? UserError.whenInvalidFile(() -> Catalogue.read(data, options))
          : UserError.whenInvalidFile(() -> Catalogue.read(data, format(format), options));
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static Catalogue.Format format(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "long" -> Catalogue.Format.LONG;
      case "folder" -> Catalogue.Format.FOLDER;
      case "wide", "m4" -> Catalogue.Format.WIDE;
      default -> throw new UserError("--format must be long, folder or wide, got '" + name + "'");
    };
  }

  /** The files a run writes, all replaced together ({@link RunFolder}). */
  private static final java.util.Set<String> OUTPUTS =
      java.util.Set.of("forecasts.csv", "metrics.csv", "metrics.json", "series.png", "mase.png");

  /** Checks --out before any work: see {@link RunFolder#prepare}. */
  private RunFolder prepareOut() throws IOException {
    try {
      return RunFolder.prepare(out, OUTPUTS);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** Writes every output into {@code dir} (the run's staging folder). */
  private void writeOutputs(CatalogueResult r, Path dir) throws IOException {
    CatalogueFiles.writeForecasts(dir.resolve("forecasts.csv"), r);
    CatalogueFiles.writeMetrics(dir.resolve("metrics.csv"), r);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("cell", cell);
    // the sizes the networks had: the options given, else the model's defaults
    if (global()) {
      GlobalConfig c = globalConfig();
      settings.put("hidden", c.hidden());
      settings.put("epochs", c.epochs());
      settings.put("ensemble", c.ensemble());
      settings.put("windows_per_series", c.windowsPerSeries());
    } else {
      ForecastConfig c = localConfig();
      settings.put("hidden", c.hidden());
      settings.put("epochs", c.epochs());
      settings.put("ensemble", c.ensemble());
    }
    if (global()) {
      // the window the network read: the one given, or the rule's for this season and horizon
      settings.put(
          "window",
          GlobalConfig.defaults().toBuilder()
              .window(window)
              .build()
              .windowFor(r.setup().season(), r.setup().horizon()));
      settings.put("loss", loss.value().toString());
    }
    settings.put("seed", seed);
    settings.put("combine", combine);
    // whether a refit was made: none without backtest origins, whatever --refit says
    settings.put("refit", r.setup().refits());
    CatalogueFiles.writeSummary(dir.resolve("metrics.json"), r, settings);
    if (!CatalogueCharts.rankedByMase(r).isEmpty()) {
      ChartStyle.writePng(
          CatalogueCharts.examples(r, Math.max(4 * r.setup().horizon(), 3 * r.setup().season())),
          dir.resolve("series.png"));
      ChartStyle.writePng(CatalogueCharts.maseDistribution(r), dir.resolve("mase.png"));
    }
  }

  private void report(CatalogueResult r) {
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT,
        "%n%d series, %d forecast (%d error rows in metrics.csv); horizon %d, season %d, %d"
            + " backtest origin(s); %s model fitted in %.1f s, whole run %.1f s (%.2f series/s)%n",
        r.series().size(),
        r.forecastCount(),
        r.series().size() - r.forecastCount(),
        r.setup().horizon(),
        r.setup().season(),
        r.setup().origins(),
        r.network(),
        r.fitSeconds(),
        r.seconds(),
        r.series().size() / r.seconds());
    if (r.combination() != null) {
      w.printf("final forecasts: %s%n", r.combination().describe());
    }
    table(w, "test part", r.test(), r);
    table(w, "backtest origins", r.backtest(), r);
    if (CatalogueCharts.rankedByMase(r).isEmpty()) {
      w.printf(
          "wrote %s (no series.png or mase.png: nothing was scored, without a hold-out or"
              + " backtest origins)%n",
          out);
    } else {
      w.printf("wrote %s%n", out);
    }
    w.flush();
  }

  private static void table(
      PrintWriter w, String what, CatalogueResult.Summary s, CatalogueResult r) {
    if (s == null) {
      return;
    }
    List<String> names = CatalogueFiles.metricNames(r);
    w.printf(
        "%n%s, means over %d forecasts (OWA relative to %s):%n", what, s.scored(), r.reference());
    w.printf("%-16s%8s", "method", "OWA");
    names.forEach(n -> w.printf("%13s", n));
    w.println();
    s.means()
        .forEach(
            (method, m) -> {
              w.printf(Locale.ROOT, "%-16s%8.3f", method, s.owa().get(method));
              for (String n : names) {
                Double v = m.get(n);
                w.printf(
                    Locale.ROOT, "%13s", v == null ? "" : String.format(Locale.ROOT, "%.3f", v));
              }
              w.println();
            });
  }
}
