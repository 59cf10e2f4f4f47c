package org.rnnkit.forecast.catalogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.rnnkit.data.TimeSeries;
import org.rnnkit.forecast.Forecaster;
import org.rnnkit.forecast.m4.M4Metrics;
import org.rnnkit.train.TrainingListener;

/**
 * Forecasts a catalogue and scores it by rolling origins, fitting the network once. For a series of
 * n values, horizon H and K origins:
 *
 * <pre>
 *   test part      y[n-H .. n-1]                   (with a hold-out; else the forecast runs beyond y)
 *   training part  y[0 .. e-1],  e = n - H or n
 *   origin k       history y[0 .. e-kH-1], scored on the next H values   (k = 1..K)
 *   fitted part    y[0 .. e-KH-1]                  (the network and every normalisation see only this)
 * </pre>
 *
 * The network is fitted once on every series' fitted part and then forecasts from each origin with
 * the history up to it (M4's protocol allows one fit with the origins held out); the baselines are
 * refitted at each origin on its history. The network's scaled errors at the K origins calibrate
 * its 80% and 95% intervals ({@link ConformalIntervals}). Then (with {@link Setup#refit()}, the
 * {@code catalogue} command's default) the network is fitted again, on every series' whole training
 * part, so that the final forecast comes from a network that has seen the last KH values too: on
 * short series those are most of the windows (a yearly series of 40 values with H = 6 and K = 3
 * keeps 16 values without them). The final forecast is made from the whole training part and, with
 * a hold-out, scored on the test part (sMAPE, MASE, MSIS, coverage). The intervals keep the first
 * fit's calibration: the refitted network has seen more, so they tend to be a little wide rather
 * than narrow. Nothing of the test part reaches any fit: changing it changes no forecast.
 *
 * <p>A {@link CombinedModel combination} is made after the network's fits, from the network alone's
 * forecasts. One {@link CombinedModel#chosenByBacktest chosen by the backtest} is decided there:
 * the network alone and the combination forecast every origin, and whichever has the lower OWA
 * there ({@link CombinationChoice}) makes every forecast, the final one, the backtest's and the
 * intervals' calibration. {@link CatalogueResult#fitSeconds()} is the network's part alone: its
 * fits and forecasts, not the combination's methods, the baselines or the scoring.
 *
 * <p>A series that cannot be read, is too short for the origins, or is constant becomes an error
 * row; a baseline that fails on one series is marked failed for it; the rest of the catalogue runs.
 */
public final class Backtest {
  private Backtest() {}

  /**
   * The protocol.
   *
   * @param horizon H
   * @param holdout whether the last H values of each series are its test part
   * @param origins K, backtest origins before the test part (0 for none: no intervals)
   * @param season m, for normalisation, baselines and MASE
   * @param levels the interval levels, e.g. 0.8 and 0.95
   * @param refit whether, with origins, the network is fitted a second time on the whole training
   *     part for the final forecast (the first fit, on the fitted part, forecasts the origins and
   *     calibrates the intervals); without, the first fit makes every forecast
   */
  public record Setup(
      int horizon, boolean holdout, int origins, int season, double[] levels, boolean refit) {
    public Setup {
      if (horizon < 1 || origins < 0 || season < 1) {
        throw new IllegalArgumentException(
            "horizon and season must be at least 1 and origins 0 or more, got %d, %d, %d"
                .formatted(horizon, season, origins));
      }
      levels = levels.clone();
    }

    /**
     * The protocol with one fit and no refit, as before the refit existed (what a caller that fits
     * the network elsewhere, e.g. on a cluster, reproduces); {@code catalogue} refits unless told
     * {@code --no-refit}.
     */
    public Setup(int horizon, boolean holdout, int origins, int season, double[] levels) {
      this(horizon, holdout, origins, season, levels, false);
    }

    /**
     * Whether the network is fitted a second time: {@link #refit()} asked for and backtest origins
     * to hold out of the first fit (without origins the one fit already sees the whole training
     * part, so there is nothing to refit).
     */
    public boolean refits() {
      return refit && origins > 0;
    }

    /** The shortest series the protocol accepts: a fitted part of at least {@code max(m+1, 3)}. */
    public int minimumLength() {
      return Math.max(season + 1, 3) + horizon * (origins + (holdout ? 1 : 0));
    }
  }

  /**
   * Runs the protocol.
   *
   * @param catalogue Not modified.
   * @param model the network (global or local)
   * @param baselines the statistical methods, each refitted on every history
   * @param reference the baseline OWA is relative to (e.g. {@code naive2})
   * @param training receives the network's training events; may be null
   * @param seriesDone called once per series when its baselines and scores are done (from several
   *     threads); may be null
   */
  public static CatalogueResult run(
      List<SeriesInput> catalogue,
      Setup setup,
      CatalogueModel model,
      List<Forecaster> baselines,
      String reference,
      TrainingListener training,
      Runnable seriesDone) {
    if (catalogue.isEmpty()) {
      throw new IllegalArgumentException("the catalogue is empty; give at least one series");
    }
    long start = System.nanoTime();
    int h = setup.horizon();
    List<String> problems = new ArrayList<>();
    List<Integer> good = new ArrayList<>();
    for (SeriesInput in : catalogue) {
      String problem = in.problem() != null ? in.problem() : problem(in.series(), setup);
      problems.add(problem);
      if (problem == null) {
        good.add(problems.size() - 1);
      }
    }
    if (good.isEmpty()) {
      throw new IllegalArgumentException(
          "no series can be forecast; the first: %s: %s"
              .formatted(catalogue.get(0).id(), problems.get(0)));
    }
    List<double[]> fitted = new ArrayList<>();
    for (int i : good) {
      fitted.add(history(catalogue.get(i).series().values(), setup, setup.origins()));
    }
    // a combination: fit the network alone, combine its forecasts after (and maybe choose)
    CombinedModel combining = model instanceof CombinedModel c ? c : null;
    CatalogueModel fitting = combining != null ? combining.inner() : model;
    long fitStart = System.nanoTime();
    CatalogueModel.Fitted net = fitting.fit(fitted, setup.season(), h, training);

    // the network's forecasts at every origin, all series in one call per origin
    int origins = setup.origins();
    double[][][] network = new double[origins + 1][][];
    int[] which = IntStream.range(0, good.size()).toArray();
    for (int k = 0; k <= origins; k++) {
      List<double[]> histories = new ArrayList<>();
      for (int i : good) {
        histories.add(history(catalogue.get(i).series().values(), setup, k));
      }
      network[k] = net.forecast(which, histories, h);
    }
    if (setup.refits()) {
      // the final forecast from a network that has seen every series' whole training part
      List<double[]> whole = new ArrayList<>();
      for (int i : good) {
        double[] y = catalogue.get(i).series().values();
        whole.add(Arrays.copyOf(y, trainEnd(y.length, setup)));
      }
      network[0] = fitting.fit(whole, setup.season(), h, training).forecast(which, whole, h);
      for (int g = 0; g < good.size(); g++) {
        if (net.problem(g) != null) {
          // not fitted before the origins (e.g. too short for a local network): no forecast, as
          // without the refit, rather than a final forecast without a backtest
          network[0][g] = null;
        }
      }
    }
    // the network's part ends here: its fits and forecasts, not the combination's methods
    double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
    CombinationChoice choice = null;
    if (combining != null) {
      choice = combine(combining, catalogue, good, network, setup, baselines, reference);
    }
    if (origins > 0 && !good.isEmpty() && noBacktestForecast(network, origins)) {
      // nothing to calibrate or score: say why, rather than fail in the calibration
      String why = "no forecast at any origin";
      for (int g = good.size() - 1; g >= 0; g--) {
        why = net.problem(g) != null ? net.problem(g) : why;
      }
      throw new IllegalArgumentException(
          ("no series could be forecast from the backtest origins, where the network is fitted on"
                  + " each series' values before the earliest of %d origins (%s);"
                  + " use fewer --origins, longer series or the global model")
              .formatted(origins, why));
    }
    ConformalIntervals intervals = origins > 0 ? calibrate(catalogue, good, network, setup) : null;

    SeriesResult[] results = new SeriesResult[catalogue.size()];
    for (int i = 0; i < catalogue.size(); i++) {
      if (problems.get(i) != null) {
        results[i] =
            SeriesResult.failed(catalogue.get(i).id(), catalogue.get(i).series(), problems.get(i));
      }
    }
    IntStream.range(0, good.size())
        .parallel()
        .forEach(
            g -> {
              int i = good.get(g);
              results[i] =
                  score(
                      catalogue.get(i),
                      setup,
                      model.name(),
                      ofSeries(network, g),
                      net.problem(g),
                      intervals,
                      baselines);
              if (seriesDone != null) {
                seriesDone.run();
              }
            });
    List<String> methods = new ArrayList<>();
    methods.add(model.name());
    baselines.forEach(b -> methods.add(b.name()));
    List<SeriesResult> all = List.of(results);
    Summaries summaries = new Summaries(all, methods, reference);
    return new CatalogueResult(
        setup,
        model.name(),
        methods,
        reference,
        all,
        intervals,
        choice,
        setup.holdout() ? summaries.over(0, 0) : null,
        origins > 0 ? summaries.over(1, origins) : null,
        fitSeconds,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Combines the network's forecasts at every origin ({@link CombinedModel#combine}) and replaces
   * every forecast in {@code network} by the combination's: always, or, for a combination {@link
   * CombinedModel#isChosenByBacktest chosen by the backtest}, when it scores no worse than the
   * network alone on the backtest origins ({@link CombinationChoice}).
   *
   * @param network Modified. {@code [k][g]}: the network alone's forecasts at origins 0..K.
   * @return the choice, or null when the combination is always made
   */
  private static CombinationChoice combine(
      CombinedModel model,
      List<SeriesInput> catalogue,
      List<Integer> good,
      double[][][] network,
      Setup setup,
      List<Forecaster> baselines,
      String reference) {
    List<double[]> series = good.stream().map(i -> catalogue.get(i).series().values()).toList();
    double[][][] combined = new double[network.length][good.size()][];
    for (int k = 0; k < network.length; k++) {
      int origin = k;
      double[][] at = combined[k];
      IntStream.range(0, good.size())
          .parallel()
          .forEach(
              g -> {
                if (network[origin][g] != null) {
                  double[] history = history(series.get(g), setup, origin);
                  at[g] = model.combine(network[origin][g], history, setup.horizon());
                }
              });
    }
    CombinationChoice choice;
    if (!model.isChosenByBacktest()) {
      System.arraycopy(combined, 0, network, 0, network.length);
      return null;
    } else if (setup.origins() == 0) {
      choice = CombinationChoice.from(model.description(), CombinationChoice.Sums.none());
    } else {
      Forecaster ref =
          baselines.stream()
              .filter(b -> b.name().equals(reference))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "choosing a combination on the backtest needs the reference baseline "
                              + reference
                              + " among the baselines"));
      CombinationChoice.Sums total = CombinationChoice.Sums.none();
      for (int g = 0; g < series.size(); g++) {
        total =
            total.plus(
                CombinationChoice.Sums.of(
                    series.get(g), ofSeries(network, g), ofSeries(combined, g), setup, ref));
      }
      choice = CombinationChoice.from(model.description(), total);
    }
    if (choice.combined()) {
      System.arraycopy(combined, 0, network, 0, network.length);
    }
    return choice;
  }

  /** Series g's forecasts at every origin, from {@code [origin][series][step]}. */
  private static double[][] ofSeries(double[][][] network, int g) {
    double[][] mine = new double[network.length][];
    for (int k = 0; k < network.length; k++) {
      mine[k] = network[k][g];
    }
    return mine;
  }

  /** Where the training part ends. */
  private static int trainEnd(int n, Setup setup) {
    return setup.holdout() ? n - setup.horizon() : n;
  }

  /**
   * The history a forecast from origin k starts from: {@code y[0 .. e-kH-1]}; k = 0 the final
   * forecast's (the training part), k = K the fitted part.
   *
   * @param y Not modified. The whole series.
   * @return a new array
   */
  public static double[] history(double[] y, Setup setup, int k) {
    return Arrays.copyOf(y, trainEnd(y.length, setup) - k * setup.horizon());
  }

  /** Why a series cannot be forecast under the protocol, or null. */
  public static String problem(TimeSeries series, Setup setup) {
    int n = series.size();
    if (n < setup.minimumLength()) {
      return ("too short: %d values; a horizon of %d, %d backtest origin(s)%s and season %d need at"
              + " least %d")
          .formatted(
              n,
              setup.horizon(),
              setup.origins(),
              setup.holdout() ? ", a hold-out" : "",
              setup.season(),
              setup.minimumLength());
    }
    double[] y = series.values();
    int fitEnd = trainEnd(n, setup) - setup.origins() * setup.horizon();
    if (M4Metrics.scale(Arrays.copyOf(y, fitEnd), setup.season()) == 0) {
      return "constant: its first %d values do not change (the seasonal naive scale is 0), so no error can be scaled"
          .formatted(fitEnd);
    }
    return null;
  }

  /** The scaled errors of the network at the backtest origins, per step, over every series. */
  private static ConformalIntervals calibrate(
      List<SeriesInput> catalogue, List<Integer> good, double[][][] network, Setup setup) {
    List<double[][]> errors = new ArrayList<>();
    for (int g = 0; g < good.size(); g++) {
      errors.add(
          scaledErrors(catalogue.get(good.get(g)).series().values(), ofSeries(network, g), setup));
    }
    return calibrate(errors, setup);
  }

  /** Whether no series has a network forecast at any backtest origin 1..K. */
  private static boolean noBacktestForecast(double[][][] network, int origins) {
    for (int k = 1; k <= origins; k++) {
      for (double[] f : network[k]) {
        if (f != null) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Calibrates the intervals from every series' {@link #scaledErrors}, pooled per step.
   *
   * @param errors Not modified. One {@code [s][]} array per series.
   */
  public static ConformalIntervals calibrate(List<double[][]> errors, Setup setup) {
    List<double[]> perStep = new ArrayList<>();
    for (int s = 0; s < setup.horizon(); s++) {
      int step = s;
      perStep.add(errors.stream().flatMapToDouble(e -> Arrays.stream(e[step])).toArray());
    }
    return ConformalIntervals.calibrate(perStep, setup.levels());
  }

  /**
   * One series' share of the calibration: the network's errors at the backtest origins as {@link
   * NormalisedScore normalised scores}, {@code (y[o + s] - f_k[s]) / s(o)}, o the origin k horizons
   * before the test part and s(o) the series' recent volatility and own backtest error.
   *
   * @param y Not modified. The whole series.
   * @param network Not modified. The network's forecasts at origins 0..K ({@code network[k]} null
   *     where it has none).
   * @return {@code [s][]}: the scores of step s + 1 over the origins with a forecast
   */
  public static double[][] scaledErrors(double[] y, double[][] network, Setup setup) {
    BacktestForecasts b = BacktestForecasts.of(y, network, setup);
    if (b.origins().length == 0) {
      return new double[setup.horizon()][0];
    }
    return NormalisedScore.scores(y, b.origins(), b.forecasts(), setup.season());
  }

  /** The network's backtest forecasts of one series and the origins they were made at. */
  private record BacktestForecasts(int[] origins, double[][] forecasts) {
    static BacktestForecasts of(double[] y, double[][] network, Setup setup) {
      int h = setup.horizon();
      int end = trainEnd(y.length, setup);
      int[] scored =
          IntStream.rangeClosed(1, setup.origins()).filter(k -> network[k] != null).toArray();
      return new BacktestForecasts(
          Arrays.stream(scored).map(k -> end - k * h).toArray(),
          Arrays.stream(scored).mapToObj(k -> network[k]).toArray(double[][]::new));
    }
  }

  /**
   * Scores one series: refits every baseline at each origin, puts the calibrated intervals around
   * the network's final forecast, and computes each method's metrics.
   *
   * @param input the series (readable and without a {@link #problem})
   * @param networkName the network's method name
   * @param network Not modified. The network's forecasts at origins 0..K, null where it has none.
   * @param networkProblem why the network could not forecast this series, or null
   * @param intervals the calibration, or null without backtest origins
   * @param baselines the statistical methods
   */
  public static SeriesResult score(
      SeriesInput input,
      Setup setup,
      String networkName,
      double[][] network,
      String networkProblem,
      ConformalIntervals intervals,
      List<Forecaster> baselines) {
    int h = setup.horizon();
    int m = setup.season();
    double[] y = input.series().values();
    int end = trainEnd(y.length, setup);
    boolean nonNegative = Arrays.stream(y, 0, end - setup.origins() * h).allMatch(v -> v >= 0);
    Map<String, String> failures = new LinkedHashMap<>();
    if (networkProblem != null) {
      failures.put(networkName, networkProblem);
    }
    Map<String, double[]> finals = new LinkedHashMap<>();
    double[][] lower = null;
    double[][] upper = null;
    List<Map<String, Map<String, Double>>> scores = new ArrayList<>();
    for (int k = 0; k <= setup.origins(); k++) {
      int origin = end - k * h;
      double[] history = Arrays.copyOf(y, origin);
      boolean scored = k > 0 || setup.holdout();
      double[] actual = scored ? Arrays.copyOfRange(y, origin, origin + h) : null;
      Map<String, double[]> forecasts = new LinkedHashMap<>();
      if (network[k] != null) {
        forecasts.put(networkName, network[k]);
      }
      for (Forecaster b : baselines) {
        try {
          double[] f = b.forecast(history, h);
          if (Arrays.stream(f).allMatch(Double::isFinite)) {
            forecasts.put(b.name(), f);
          } else if (k == 0) {
            failures.put(b.name(), "a forecast that is not finite");
          }
        } catch (RuntimeException e) {
          if (k == 0) {
            failures.put(b.name(), String.valueOf(e.getMessage()));
          }
        }
      }
      Map<String, Map<String, Double>> atOrigin = new LinkedHashMap<>();
      if (scored) {
        for (var e : forecasts.entrySet()) {
          M4Metrics.Score score = M4Metrics.score(history, actual, e.getValue(), m);
          Map<String, Double> named = new LinkedHashMap<>();
          named.put("sMAPE", score.sMape());
          named.put("MASE", score.mase());
          atOrigin.put(e.getKey(), named);
        }
      }
      if (k == 0) {
        finals = forecasts;
        if (intervals != null && network[0] != null) {
          BacktestForecasts b = BacktestForecasts.of(y, network, setup);
          double scale = NormalisedScore.scale(y, end, h, b.origins(), b.forecasts(), m);
          double[] levels = intervals.levels();
          lower = new double[levels.length][];
          upper = new double[levels.length][];
          for (int j = 0; j < levels.length; j++) {
            double[][] band = intervals.interval(j, network[0], scale, nonNegative);
            lower[j] = band[0];
            upper[j] = band[1];
            if (scored) {
              M4Metrics.IntervalScore score =
                  M4Metrics.intervalScore(history, actual, band[0], band[1], m, 1 - levels[j]);
              Map<String, Double> mine = atOrigin.get(networkName);
              mine.put(coverageName(levels[j]), score.coverage());
              if (Math.abs(levels[j] - (1 - M4Metrics.ALPHA)) < 1e-9) {
                mine.put("MSIS", score.msis());
              }
            }
          }
        }
      }
      scores.add(atOrigin);
    }
    return new SeriesResult(
        input.id(), null, input.series(), end, finals, failures, lower, upper, scores);
  }

  /** The name of the coverage metric at a level: {@code coverage_95}. */
  public static String coverageName(double level) {
    return "coverage_" + Math.round(level * 100);
  }

  /** Averages over a range of origins. */
  private record Summaries(List<SeriesResult> series, List<String> methods, String reference) {

    CatalogueResult.Summary over(int fromOrigin, int toOrigin) {
      Map<String, Map<String, double[]>> sums = new LinkedHashMap<>();
      int scored = 0;
      for (SeriesResult r : series) {
        if (!r.ok()) {
          continue;
        }
        for (int k = fromOrigin; k <= toOrigin; k++) {
          Map<String, Map<String, Double>> at = r.scores().get(k);
          if (!at.keySet().containsAll(methods)) {
            continue;
          }
          scored++;
          for (String method : methods) {
            for (var e : at.get(method).entrySet()) {
              double[] sum =
                  sums.computeIfAbsent(method, x -> new LinkedHashMap<>())
                      .computeIfAbsent(e.getKey(), x -> new double[2]);
              if (Double.isFinite(e.getValue())) {
                sum[0] += e.getValue();
                sum[1]++;
              }
            }
          }
        }
      }
      Map<String, Map<String, Double>> means = new LinkedHashMap<>();
      for (var e : sums.entrySet()) {
        Map<String, Double> m = new LinkedHashMap<>();
        e.getValue().forEach((name, s) -> m.put(name, s[1] > 0 ? s[0] / s[1] : Double.NaN));
        means.put(e.getKey(), m);
      }
      Map<String, Double> owa = new LinkedHashMap<>();
      Map<String, Double> ref = means.get(reference);
      for (String method : methods) {
        Map<String, Double> m = means.get(method);
        owa.put(
            method,
            ref == null || m == null
                ? Double.NaN
                : (m.get("sMAPE") / ref.get("sMAPE") + m.get("MASE") / ref.get("MASE")) / 2);
      }
      return new CatalogueResult.Summary(scored, means, owa);
    }
  }
}
