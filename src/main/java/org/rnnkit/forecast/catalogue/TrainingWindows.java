package org.rnnkit.forecast.catalogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.rnnkit.data.Example;
import org.rnnkit.nn.Sequence;

/**
 * The windows the global network trains on, for any subset of a catalogue's series: per series its
 * training origins, its validation origin, the example at an origin, and each epoch's draw.
 *
 * <p>Series are known by their <em>id</em>, their index in the whole catalogue (ids strictly
 * increasing). For series id i of n adjusted values ({@link AdjustedSeries}), window w, horizon H
 * and the first origin {@code first} ({@link GlobalConfig#firstOrigin()}: a window holds at least
 * {@code first + 1} observed values, its earlier steps padded):
 *
 * <pre>
 *   training origins    first .. last(i)
 *   validation origin   v(i) = n - 1 - H    (with validation; targets are the last H values)
 *   last(i)             v(i) - H with validation, else v(i)   (training targets end before v(i)'s)
 * </pre>
 *
 * and a series offers {@code count(i) = max(0, last(i) - first + 1)} training windows. In epoch e a
 * network of seed s draws {@code min(count(i), k)} distinct origins of series i (k windows per
 * series) with a generator seeded by {@link #drawSeed(long, int, int) drawSeed(s, e, i)} only: the
 * draw of series i does not depend on which other series are present, so a catalogue split into
 * partitions in any way draws the same windows, and a driver that knows only each series' {@code
 * count(i)} computes the epoch's list with {@link #origins(long, int, int, int, int, int)}. {@link
 * #draw(long, int, int)} lists the drawn windows by series id, then origin.
 */
public final class TrainingWindows {

  /** One training window: the series' id and the origin t (its last input step). */
  public record Window(int series, int origin) {}

  private final int[] ids;
  private final List<AdjustedSeries.Adjusted> series;
  private final int window;
  private final int horizon;
  private final int first;
  private final int[] last;
  private final int[] validationOrigin;

  /**
   * @param ids Not modified. Each series' id in the catalogue, strictly increasing.
   * @param series each series' adjusted training part, in the order of {@code ids}
   * @param window w
   * @param first the first training origin
   * @param horizon H
   * @param validate whether each series' last window is kept out of training for validation
   */
  TrainingWindows(
      int[] ids,
      List<AdjustedSeries.Adjusted> series,
      int window,
      int first,
      int horizon,
      boolean validate) {
    if (ids.length != series.size()) {
      throw new IllegalArgumentException(
          "need one id per series, got %d ids for %d series".formatted(ids.length, series.size()));
    }
    for (int i = 1; i < ids.length; i++) {
      if (ids[i] <= ids[i - 1]) {
        throw new IllegalArgumentException(
            "series ids must be strictly increasing, got %d after %d at position %d"
                .formatted(ids[i], ids[i - 1], i));
      }
    }
    if (window < 1 || horizon < 1 || first < 0) {
      throw new IllegalArgumentException(
          "window and horizon must be at least 1 and the first origin 0 or more, got %d, %d, %d"
              .formatted(window, horizon, first));
    }
    this.ids = ids.clone();
    this.series = List.copyOf(series);
    this.window = window;
    this.horizon = horizon;
    this.first = first;
    this.last = new int[ids.length];
    this.validationOrigin = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      int v = series.get(i).z().length - 1 - horizon;
      last[i] = validate ? v - horizon : v;
      validationOrigin[i] = validate && v >= first ? v : -1;
    }
  }

  /**
   * The windows of a catalogue, or of a part of one, each series normalised on its own training
   * part as the global model does.
   *
   * @param ids Not modified. Each series' id (index in the whole catalogue), strictly increasing.
   * @param training Not modified. Each series' training part, from its first observation.
   * @param season m
   * @param config gives the window ({@link GlobalConfig#windowFor}) and whether to validate
   *     (patience above 0)
   * @param horizon H
   */
  public static TrainingWindows of(
      int[] ids, List<double[]> training, int season, GlobalConfig config, int horizon) {
    List<AdjustedSeries.Adjusted> adjusted = new ArrayList<>();
    for (double[] y : training) {
      adjusted.add(AdjustedSeries.fit(y, season).adjust(y));
    }
    return new TrainingWindows(
        ids,
        adjusted,
        config.windowFor(season, horizon),
        config.firstOrigin(),
        horizon,
        config.patience() > 0);
  }

  /** The ids {@code 0 .. n-1}, for a whole catalogue of n series. */
  public static int[] allIds(int n) {
    int[] ids = new int[n];
    Arrays.setAll(ids, i -> i);
    return ids;
  }

  /** The series' ids, strictly increasing. */
  public int[] ids() {
    return ids.clone();
  }

  /** w, the input steps of a window. */
  public int window() {
    return window;
  }

  /** H, the targets of a window. */
  public int horizon() {
    return horizon;
  }

  /** The first training origin of every series. */
  public int firstOrigin() {
    return first;
  }

  /** The last training origin of series {@code id}; below {@link #firstOrigin()} when none. */
  public int lastOrigin(int id) {
    return last[position(id)];
  }

  /** {@code count(id)}: the training windows series {@code id} offers. */
  public int count(int id) {
    return Math.max(0, last[position(id)] - first + 1);
  }

  /** The training windows of all series together. */
  public long trainingWindows() {
    long total = 0;
    for (int l : last) {
      total += Math.max(0, l - first + 1);
    }
    return total;
  }

  /**
   * Series {@code id}'s validation origin, or -1 when it has none (too short, or no validation).
   */
  public int validationOrigin(int id) {
    return validationOrigin[position(id)];
  }

  /** The validation examples, one per series that has a validation origin, by series id. */
  public List<Example> validation() {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      if (validationOrigin[i] >= 0) {
        out.add(example(ids[i], validationOrigin[i]));
      }
    }
    return out;
  }

  /**
   * The example at origin t of series {@code id}: input {@code w x 1 x 3}, target {@code 1 x 1 x H}
   * (see {@link AdjustedSeries}).
   */
  public Example example(int id, int origin) {
    AdjustedSeries.Adjusted s = series.get(position(id));
    if (origin < 0 || origin + horizon >= s.z().length) {
      throw new IllegalArgumentException(
          "origin %d of series %d has no %d targets after it: the series has %d values"
              .formatted(origin, id, horizon, s.z().length));
    }
    Sequence input = new Sequence(window, 1, AdjustedSeries.INPUTS);
    Sequence target = new Sequence(1, 1, horizon);
    s.window(origin, input, 0);
    s.target(origin, target, 0);
    return new Example(input, target);
  }

  /** The examples of {@code windows}, in their order. */
  public List<Example> examples(List<Window> windows) {
    List<Example> out = new ArrayList<>(windows.size());
    for (Window w : windows) {
      out.add(example(w.series(), w.origin()));
    }
    return out;
  }

  /**
   * Epoch e's windows of every series held here, by series id, then origin.
   *
   * @param seed the network's seed
   * @param epoch e, from 1
   * @param perSeries k, the most windows per series
   */
  public List<Window> draw(long seed, int epoch, int perSeries) {
    List<Window> out = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      int count = Math.max(0, last[i] - first + 1);
      for (int origin : origins(seed, epoch, ids[i], first, count, perSeries)) {
        out.add(new Window(ids[i], origin));
      }
    }
    return out;
  }

  /**
   * The origins series {@code id} contributes in epoch e, ascending: {@code min(count, k)} distinct
   * origins out of {@code first .. first + count - 1}, by Floyd's sampling with a generator seeded
   * by {@link #drawSeed(long, int, int)}. Depends on its arguments only.
   *
   * @param first the first training origin ({@link #firstOrigin()})
   * @param count the series' training windows ({@link #count(int)})
   */
  public static int[] origins(long seed, int epoch, int id, int first, int count, int perSeries) {
    if (count <= 0) {
      return new int[0];
    }
    int take = Math.min(count, perSeries);
    Random rng = new Random(drawSeed(seed, epoch, id));
    TreeSet<Integer> chosen = new TreeSet<>();
    for (int j = count - take; j < count; j++) {
      int pick = rng.nextInt(j + 1);
      chosen.add(chosen.contains(pick) ? j : pick);
    }
    return chosen.stream().mapToInt(k -> first + k).toArray();
  }

  /**
   * The seed of series i's draw in epoch e for a network of seed s: SplitMix64's finaliser applied
   * in turn, {@code mix(mix(mix(s) + e) + i)}, so neighbouring seeds, epochs and ids give unrelated
   * streams.
   */
  public static long drawSeed(long seed, int epoch, int id) {
    return mix(mix(mix(seed) + epoch) + id);
  }

  /** SplitMix64's finaliser (Steele, Lea and Flood, 2014). */
  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private int position(int id) {
    int p = Arrays.binarySearch(ids, id);
    if (p < 0) {
      throw new IllegalArgumentException(
          "series %d is not among these %d series".formatted(id, ids.length));
    }
    return p;
  }
}
