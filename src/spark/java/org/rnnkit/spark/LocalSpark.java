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
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1, was " + cores);
    }
    return SparkSession.builder()
        .appName("rnnkit")
        .master("local[" + cores + "]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", String.valueOf(2 * cores))
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }
}
