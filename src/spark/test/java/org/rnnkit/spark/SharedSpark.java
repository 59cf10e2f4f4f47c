package org.rnnkit.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The local session the training tests share (2 cores, a failed task tried twice), started by the
 * first class that asks and left running for the next (Spark stops it when the JVM exits): a
 * session costs seconds to start, a test here a fraction of that.
 */
final class SharedSpark {
  private static final String MASTER = "local[2,2]";

  private SharedSpark() {}

  /** The running session if it is ours, else a new one. */
  static JavaSparkContext context() {
    SparkSession session = LocalSpark.start(2, 2);
    if (!session.sparkContext().master().equals(MASTER)) {
      session.stop();
      session = LocalSpark.start(2, 2);
    }
    return JavaSparkContext.fromSparkContext(session.sparkContext());
  }
}
