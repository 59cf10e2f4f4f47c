package org.rnnkit.forecast.catalogue;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnkit.forecast.Forecaster;
import org.rnnkit.forecast.m4.M4Metrics;

/**
 * Which of the network alone and its combination with statistical methods ({@link
 * CombinedModel#chosenByBacktest}) a catalogue's final forecasts use, chosen on the backtest
 * origins only. Over the pairs (series, origin k = 1..K) where both and the reference have a
 * forecast,
 *
 * <pre>
 *   OWA(method) = ( mean sMAPE(method) / mean sMAPE(ref) + mean MASE(method) / mean MASE(ref) ) / 2
 * </pre>
 *
 * and the combination is kept unless the network alone scores strictly lower (and on ties, or when
 * nothing could be scored). Only the backtest origins' targets are read (the latest origin's end
 * where the test part begins), so the test part cannot reach the choice. The backtest scores of the
 * method chosen are then the lower of two by construction: optimistic, not out of sample.
 *
 * @param combination what the combination is ({@link CombinedModel#description()})
 * @param combined whether the combination was kept (else the network alone)
 * @param networkOwa the network alone's backtest OWA (NaN when nothing was scored)
 * @param combinedOwa the combination's backtest OWA (NaN when nothing was scored)
 * @param scored the forecasts compared
 */
public record CombinationChoice(
    String combination, boolean combined, double networkOwa, double combinedOwa, int scored) {

  /**
   * The choice from the sums over every series ({@link Sums#of} per series, added up in the order
   * of the series, by {@link Backtest} in one process and by a driver over machines alike).
   *
   * @param combination the combination's description
   * @param total the sums over the whole catalogue
   */
  public static CombinationChoice from(String combination, Sums total) {
    double[] sums = total.sums();
    int scored = total.scored();
    double networkOwa = (sums[0] / sums[4] + sums[1] / sums[5]) / 2;
    double combinedOwa = (sums[2] / sums[4] + sums[3] / sums[5]) / 2;
    boolean keep = scored == 0 || !(networkOwa < combinedOwa);
    return new CombinationChoice(
        combination,
        keep,
        scored == 0 ? Double.NaN : networkOwa,
        scored == 0 ? Double.NaN : combinedOwa,
        scored);
  }

  /**
   * What the choice adds up: sMAPE and MASE of the network alone, of the combination and of the
   * reference, summed over the pairs (series, origin) where all three have a finite score.
   *
   * @param sums Not copied. {@code {sMAPE net, MASE net, sMAPE comb, MASE comb, sMAPE ref, MASE
   *     ref}}
   * @param scored how many pairs were summed
   */
  public record Sums(double[] sums, int scored) implements Serializable {

    /** Nothing summed. */
    public static Sums none() {
      return new Sums(new double[6], 0);
    }

    /**
     * One series' share, over its backtest origins k = 1..K.
     *
     * @param y Not modified. The series' whole values.
     * @param network Not modified. The network alone's forecasts from origins 0..K ({@code [k]}
     *     null where it has none), or null for none.
     * @param combined Not modified. The combination's, arranged as {@code network}, or null.
     * @param reference the method OWA is relative to (Naive2), refitted at each origin
     */
    public static Sums of(
        double[] y,
        double[][] network,
        double[][] combined,
        Backtest.Setup setup,
        Forecaster reference) {
      double[] sums = new double[6];
      int scored = 0;
      if (network != null && combined != null) {
        for (int k = 1; k <= setup.origins(); k++) {
          if (add(sums, y, k, network[k], combined[k], setup, reference)) {
            scored++;
          }
        }
      }
      return new Sums(sums, scored);
    }

    /** These sums and {@code other}'s, in a new record. */
    public Sums plus(Sums other) {
      double[] out = sums.clone();
      for (int i = 0; i < out.length; i++) {
        out[i] += other.sums()[i];
      }
      return new Sums(out, scored + other.scored());
    }
  }

  /**
   * Adds one pair (series y, origin k)'s six scores to {@code sums} when the network, the
   * combination and the reference all have a finite one.
   *
   * @param sums Modified.
   * @return whether the pair was added
   */
  private static boolean add(
      double[] sums,
      double[] y,
      int k,
      double[] network,
      double[] combined,
      Backtest.Setup setup,
      Forecaster reference) {
    if (network == null || combined == null) {
      return false;
    }
    int h = setup.horizon();
    double[] history = Backtest.history(y, setup, k);
    double[] actual = Arrays.copyOfRange(y, history.length, history.length + h);
    double[] ref;
    try {
      ref = reference.forecast(history, h);
    } catch (RuntimeException e) {
      return false;
    }
    M4Metrics.Score a = M4Metrics.score(history, actual, network, setup.season());
    M4Metrics.Score b = M4Metrics.score(history, actual, combined, setup.season());
    M4Metrics.Score r = M4Metrics.score(history, actual, ref, setup.season());
    double[] v = {a.sMape(), a.mase(), b.sMape(), b.mase(), r.sMape(), r.mase()};
    if (!Arrays.stream(v).allMatch(Double::isFinite)) {
      return false;
    }
    for (int i = 0; i < v.length; i++) {
      sums[i] += v[i];
    }
    return true;
  }

  /**
   * The choice as {@code metrics.json}'s and {@code run.json}'s {@code combination}: what was
   * chosen, out of what, the two backtest OWAs, how many forecasts they compare, and a note that
   * the chosen method's backtest scores are optimistic.
   */
  public Map<String, Object> summary() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("chosen", combined ? combination : "the network alone");
    c.put("candidates", List.of(combination, "the network alone"));
    c.put("backtest_owa_combined", combinedOwa);
    c.put("backtest_owa_network_alone", networkOwa);
    c.put("forecasts_compared", scored);
    c.put(
        "note",
        scored == 0
            ? "no backtest forecast to compare (no origins, or none scored): the combination is"
                + " kept"
            : "chosen on the backtest origins: the backtest scores of the chosen forecasts are the"
                + " lower of two by construction, so optimistic; the test part is not");
    return c;
  }

  /** One line for people: what was chosen and why. */
  public String describe() {
    if (scored == 0) {
      return "%s (no backtest forecasts to choose on)".formatted(combination);
    }
    return String.format(
        java.util.Locale.ROOT,
        "%s: backtest OWA %.3f; %s %.3f (over %d forecasts)",
        combined ? combination : "the network alone",
        combined ? combinedOwa : networkOwa,
        combined ? "the network alone" : combination,
        combined ? networkOwa : combinedOwa,
        scored);
  }
}
