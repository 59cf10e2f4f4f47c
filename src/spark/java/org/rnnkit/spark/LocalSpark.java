package org.rnnkit.spark;

import org.apache.spark.sql.SparkSession;

/** A Spark session in local mode, for tests and for running on one machine without a cluster. */
public final class LocalSpark {

  private LocalSpark() {}

  /**
   * Starts (or returns the running) local session with {@code cores} worker threads and a small
   * footprint: no web UI, few shuffle partitions.
   *
   * @param cores worker threads, i.e. {@code local[cores]}
   * @return the session; stop it when done
   */
  public static SparkSession start(int cores) {
    return start(cores, 1);
  }

  /**
   * As {@link #start(int)}, with a failed task tried again up to {@code attempts} times in all
   * ({@code local[cores,attempts]}; plain local mode tries once), for tests of retries.
   */
  public static SparkSession start(int cores, int attempts) {
    if (cores < 1 || attempts < 1) {
      throw new IllegalArgumentException(
          "cores and attempts must be at least 1, were %d and %d".formatted(cores, attempts));
    }
    return SparkSession.builder()
        .appName("rnnkit")
        .master("local[" + cores + (attempts > 1 ? "," + attempts : "") + "]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", String.valueOf(2 * cores))
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }
}
