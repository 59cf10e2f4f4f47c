package org.rnnkit.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generators of series with known structure, for tests and experiments. Each returns a
 * monthly series starting 2000-01 (so season 12 is inferred) unless said otherwise.
 */
public final class SyntheticSeries {
  private SyntheticSeries() {}

  /** {@code y[t] = 10 + 3 sin(2 pi t / period) + noise * N(0, 1)}. */
  public static TimeSeries noisySine(int n, int period, double noise, long seed) {
    Random rng = new Random(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = 10 + 3 * Math.sin(2 * Math.PI * t / period) + noise * rng.nextGaussian();
    }
    return monthly("noisy sine", y);
  }

  /**
   * A linear trend with a yearly season, multiplicative ({@code y = level(t) * (1 + a s(t))}) or
   * additive ({@code y = level(t) + a s(t)}), plus Gaussian noise; {@code level(t) = 100 + slope
   * t}.
   */
  public static TimeSeries trendSeason(
      int n, double slope, double amplitude, boolean multiplicative, double noise, long seed) {
    Random rng = new Random(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      double level = 100 + slope * t;
      double season = Math.sin(2 * Math.PI * t / 12) + 0.5 * Math.cos(4 * Math.PI * t / 12);
      y[t] =
          (multiplicative ? level * (1 + amplitude * season) : level + amplitude * season)
              + noise * rng.nextGaussian();
    }
    return monthly(multiplicative ? "trend x season" : "trend + season", y);
  }

  /**
   * The Mackey-Glass delay differential equation {@code dx/dt = beta x(t-tau) / (1 + x(t-tau)^n) -
   * gamma x(t)} with beta 0.2, gamma 0.1, n 10, tau 17 (chaotic), integrated with Euler steps of
   * 0.1 and sampled every {@code every} time units; undated.
   */
  public static TimeSeries mackeyGlass(int n, int every, long seed) {
    Random rng = new Random(seed);
    int tau = 170; // 17 time units in steps of 0.1
    int total = n * every * 10 + 3000;
    double[] x = new double[total];
    for (int i = 0; i <= tau; i++) {
      x[i] = 1.2 + 0.01 * rng.nextGaussian();
    }
    for (int i = tau; i < total - 1; i++) {
      double lag = x[i - tau];
      x[i + 1] = x[i] + 0.1 * (0.2 * lag / (1 + Math.pow(lag, 10)) - 0.1 * x[i]);
    }
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = x[3000 + t * every * 10];
    }
    return TimeSeries.of("Mackey-Glass", y);
  }

  /**
   * A stationary autoregressive process {@code y[t] = c + sum_i phi_i y[t-i] + N(0, sigma^2)},
   * started from its mean and run 200 steps before the first value kept; undated.
   */
  public static TimeSeries autoregressive(int n, double[] phi, double sigma, long seed) {
    Random rng = new Random(seed);
    double c = 10;
    double mean = c / (1 - java.util.Arrays.stream(phi).sum());
    int burn = 200;
    double[] x = new double[n + burn];
    for (int t = 0; t < x.length; t++) {
      double v = c;
      for (int i = 0; i < phi.length; i++) {
        v += phi[i] * (t - 1 - i >= 0 ? x[t - 1 - i] : mean);
      }
      x[t] = v + sigma * rng.nextGaussian();
    }
    return TimeSeries.of("AR(" + phi.length + ")", java.util.Arrays.copyOfRange(x, burn, x.length));
  }

  private static TimeSeries monthly(String name, double[] y) {
    List<LocalDateTime> dates = new ArrayList<>();
    for (int t = 0; t < y.length; t++) {
      dates.add(LocalDate.of(2000, 1, 1).plusMonths(t).atStartOfDay());
    }
    return new TimeSeries(name, dates, y, Frequency.MONTHLY);
  }
}
