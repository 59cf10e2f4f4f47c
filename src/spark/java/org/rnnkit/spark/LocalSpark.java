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
   * As {@link #start(int)}, with failed tasks retried: {@code local[cores,maxFailures]} (in local
   * mode Spark retries a task only when given a maximum above 1).
   *
   * @param maxFailures the most times a task may fail before the job fails
   */
  public static SparkSession start(int cores, int maxFailures) {
    if (cores < 1 || maxFailures < 1) {
      throw new IllegalArgumentException(
          "cores and maxFailures must be at least 1, were %d and %d".formatted(cores, maxFailures));
    }
    return SparkSession.builder()
        .appName("rnnkit")
        .master("local[" + cores + "," + maxFailures + "]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", String.valueOf(2 * cores))
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }
}
