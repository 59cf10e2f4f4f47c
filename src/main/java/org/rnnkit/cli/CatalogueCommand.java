package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.rnnkit.chart.CatalogueCharts;
import org.rnnkit.chart.ChartStyle;
import org.rnnkit.data.Frequency;
import org.rnnkit.data.TimeSeriesCsv;
import org.rnnkit.forecast.ForecastConfig;
import org.rnnkit.forecast.Forecaster;
import org.rnnkit.forecast.catalogue.Backtest;
import org.rnnkit.forecast.catalogue.CatalogueModel;
import org.rnnkit.forecast.catalogue.CatalogueResult;
import org.rnnkit.forecast.catalogue.GlobalConfig;
import org.rnnkit.forecast.catalogue.GlobalForecaster;
import org.rnnkit.forecast.catalogue.LocalModel;
import org.rnnkit.forecast.catalogue.SeriesInput;
import org.rnnkit.forecast.m4.M4Benchmarks;
import org.rnnkit.nn.cell.CellType;
import picocli.CommandLine.Command;
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
          + " series), backtested at rolling origins, with 80% and 95% intervals calibrated on the"
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
      description = "a folder of single-series CSV files (one series per file, named by the file)")
  Path data;

  @Option(
      names = "--season",
      paramLabel = "M",
      description =
          "season length for every series (default: from the dates: 12 monthly, 4 quarterly, 52"
              + " weekly, 7 daily, 1 yearly or undated)")
  Integer season;

  @Option(
      names = "--horizon",
      paramLabel = "H",
      description =
          "steps to forecast (default: M4's for the frequency: 6 yearly, 8 quarterly, 18 monthly,"
              + " 13 weekly, 14 daily; undated 2 seasons, at least 6)")
  Integer horizon;

  @Option(
      names = "--holdout",
      paramLabel = "H",
      description =
          "hold out and score the last H values of each series: the horizon, or 0 to forecast"
              + " beyond the data (default: the horizon)")
  Integer holdout;

  @Option(
      names = "--origins",
      paramLabel = "K",
      description =
          "backtest origins before the test part, each a horizon apart; their errors calibrate"
              + " the intervals; 0 for none (default: ${DEFAULT-VALUE})",
      defaultValue = "3")
  int origins;

  @Option(
      names = "--model",
      paramLabel = "KIND",
      description =
          "global (one network across every series) or local (the forecast command's networks,"
              + " fitted per series; much slower) (default: ${DEFAULT-VALUE})",
      defaultValue = "global")
  String model;

  @Option(
      names = "--cell",
      paramLabel = "CELL",
      description = "rnn, rnn_relu, lstm or gru (default: ${DEFAULT-VALUE})",
      defaultValue = "gru")
  String cell;

  @Option(
      names = "--hidden",
      paramLabel = "N",
      description = "hidden size of the global network (default: ${DEFAULT-VALUE})",
      defaultValue = "48")
  int hidden;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "most epochs of the global network (default: ${DEFAULT-VALUE})",
      defaultValue = "20")
  int epochs;

  @Option(
      names = "--ensemble",
      paramLabel = "N",
      description =
          "networks from different seeds; the forecast is their median (default: ${DEFAULT-VALUE})",
      defaultValue = "5")
  int ensemble;

  @Option(
      names = "--windows-per-series",
      paramLabel = "N",
      description =
          "training windows drawn from each series per epoch, so long series do not drown short"
              + " ones (default: ${DEFAULT-VALUE})",
      defaultValue = "20")
  int windowsPerSeries;

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
    List<SeriesInput> catalogue = readCatalogue();
    int m = season != null ? season : commonSeason(catalogue);
    if (m < 1) {
      throw new UserError("--season must be at least 1, got " + m);
    }
    Frequency frequency = commonFrequency(catalogue);
    int steps = horizon != null ? horizon : defaultHorizon(frequency, m);
    int held = holdout != null ? holdout : steps;
    if (steps < 1 || origins < 0 || (held != 0 && held != steps)) {
      throw new UserError(
          "--horizon must be at least 1, --origins 0 or more and --holdout 0 or the horizon (%d),"
                  .formatted(steps)
              + " got %d, %d and %d".formatted(steps, origins, held));
    }
    var setup = new Backtest.Setup(steps, held > 0, origins, m, new double[] {0.8, 0.95});
    CatalogueModel network = model(m);
    List<Forecaster> baselines = M4Benchmarks.all(m);
    CatalogueResult result = run(catalogue, setup, network, baselines);
    writeOutputs(result);
    if (!quiet) {
      report(result);
    }
    return 0;
  }

  private CatalogueResult run(
      List<SeriesInput> catalogue,
      Backtest.Setup setup,
      CatalogueModel network,
      List<Forecaster> baselines) {
    if (quiet) {
      return UserError.whenInvalid(
          () -> Backtest.run(catalogue, setup, network, baselines, REFERENCE, null, null));
    }
    PrintWriter err = spec.commandLine().getErr();
    boolean global = network instanceof GlobalForecaster;
    // one bar at a time: training, then the backtest of each series (started by its first series)
    Progress[] scoring = new Progress[1];
    Progress training =
        global
            ? Progress.perEpoch(err, "training", ensemble, epochs)
            : Progress.perItem(err, "training", catalogue.size(), "series");
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
                  global ? network : localModel(training),
                  baselines,
                  REFERENCE,
                  global ? training : null,
                  seriesDone));
    } finally {
      training.close();
      if (scoring[0] != null) {
        scoring[0].close();
        err.println();
      }
    }
  }

  private CatalogueModel model(int m) {
    CellType type = UserError.whenInvalid(() -> CellType.parse(cell));
    return switch (model.toLowerCase(Locale.ROOT)) {
      case "global" ->
          new GlobalForecaster(
              UserError.whenInvalid(
                  () ->
                      GlobalConfig.defaults().toBuilder()
                          .cell(type)
                          .hidden(hidden)
                          .epochs(epochs)
                          .ensemble(ensemble)
                          .windowsPerSeries(windowsPerSeries)
                          .seed(seed)
                          .build()));
      case "local" -> localModel(null);
      default -> throw new UserError("--model must be global or local, got '" + model + "'");
    };
  }

  private CatalogueModel localModel(Progress progress) {
    return new LocalModel(
        ForecastConfig.builder().cell(CellType.parse(cell)).seed(seed).build(),
        progress == null ? null : i -> progress.step());
  }

  /** Every CSV file of the folder, in name order; a file that holds no series is an error row. */
  private List<SeriesInput> readCatalogue() throws IOException {
    if (!Files.isDirectory(data)) {
      throw new UserError("cannot read " + data + ": not a folder; give a folder of CSV files");
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(data)) {
      files = list.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new UserError(
          "the catalogue is empty: " + data + " has no .csv files; give a folder of series");
    }
    List<SeriesInput> out = new ArrayList<>();
    for (Path file : files) {
      String id = file.getFileName().toString().replaceFirst("\\.csv$", "");
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        out.add(SeriesInput.of(id, TimeSeriesCsv.read(id, r, TimeSeriesCsv.Options.defaults())));
      } catch (IllegalArgumentException e) {
        out.add(SeriesInput.failed(id, e.getMessage()));
      }
    }
    return out;
  }

  /** The frequency every dated series shares, UNDATED without dates; mixed ones need --season. */
  private Frequency commonFrequency(List<SeriesInput> catalogue) {
    Frequency common = null;
    for (SeriesInput s : catalogue) {
      if (s.series() == null) {
        continue;
      }
      Frequency f = s.series().frequency();
      if (common != null && f != common && season == null) {
        throw new UserError(
            "the series have mixed frequencies (%s and %s, e.g. %s); give --season for all of them"
                .formatted(name(common), name(f), s.id()));
      }
      common = common == null ? f : common;
    }
    return common == null ? Frequency.UNDATED : common;
  }

  private int commonSeason(List<SeriesInput> catalogue) {
    return commonFrequency(catalogue).season();
  }

  private static String name(Frequency f) {
    return f.name().toLowerCase(Locale.ROOT);
  }

  /** M4's horizon for the frequency; undated: two seasons, at least 6. */
  static int defaultHorizon(Frequency f, int m) {
    return switch (f) {
      case YEARLY -> 6;
      case QUARTERLY -> 8;
      case MONTHLY -> 18;
      case WEEKLY -> 13;
      case DAILY -> 14;
      case UNDATED -> Math.max(6, 2 * m);
    };
  }

  private void writeOutputs(CatalogueResult r) throws IOException {
    Files.createDirectories(out);
    CatalogueFiles.writeForecasts(out.resolve("forecasts.csv"), r);
    CatalogueFiles.writeMetrics(out.resolve("metrics.csv"), r);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("cell", cell);
    settings.put("hidden", hidden);
    settings.put("epochs", epochs);
    settings.put("ensemble", ensemble);
    settings.put("windows_per_series", windowsPerSeries);
    settings.put("seed", seed);
    CatalogueFiles.writeSummary(out.resolve("metrics.json"), r, settings);
    if (!CatalogueCharts.rankedByMase(r).isEmpty()) {
      ChartStyle.writePng(
          CatalogueCharts.examples(r, Math.max(4 * r.setup().horizon(), 3 * r.setup().season())),
          out.resolve("series.png"));
      ChartStyle.writePng(CatalogueCharts.maseDistribution(r), out.resolve("mase.png"));
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
    table(w, "test part", r.test(), r);
    table(w, "backtest origins", r.backtest(), r);
    w.printf("wrote %s%n", out);
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
