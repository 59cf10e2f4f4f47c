package org.rnnkit.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.rnnkit.io.Json;

/**
 * The output folder of a Spark run, on any file system Hadoop reaches (local, HDFS, S3):
 *
 * <pre>
 *   OUT/forecasts/   the forecasts table (Parquet or CSV part files, Spark's own _SUCCESS)
 *   OUT/metrics/     the metrics table
 *   OUT/run.json     the run's settings and counts
 *   OUT/_SUCCESS     written last: the run is complete
 * </pre>
 *
 * What makes a half-written run recognisable: each table is written by Spark's file committer (task
 * outputs go to {@code _temporary} and are moved into place when the job commits, then {@code
 * _SUCCESS} is written), and OUT/_SUCCESS is deleted before anything is written and created only
 * after both tables and run.json are in place. A run killed part-way (or a task that fails for
 * good) leaves a folder without OUT/_SUCCESS; a failed task that is retried leaves nothing, since
 * only committed task outputs are moved. Readers should check OUT/_SUCCESS; a rerun replaces the
 * folder's tables. The folder must be new, empty or an earlier run's; anything else is refused.
 */
public final class RunOutput {
  private RunOutput() {}

  /** The marker of a complete run. */
  public static final String SUCCESS = "_SUCCESS";

  private static final Set<String> OURS = Set.of("forecasts", "metrics", "run.json", SUCCESS);

  /**
   * Checks that {@code out} may be written before any work starts.
   *
   * @throws IllegalArgumentException when it is a file or a folder holding anything but an earlier
   *     run
   */
  public static void check(SparkSession spark, String out) throws IOException {
    Path root = new Path(out);
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(root)) {
      return;
    }
    if (!fs.getFileStatus(root).isDirectory()) {
      throw new IllegalArgumentException(out + " is a file; give --out a folder of its own");
    }
    Set<String> others = new TreeSet<>();
    for (FileStatus s : fs.listStatus(root)) {
      if (!OURS.contains(s.getPath().getName())) {
        others.add(s.getPath().getName());
      }
    }
    if (!others.isEmpty()) {
      throw new IllegalArgumentException(
          "%s holds files that are not an earlier run's (%s); give --out a new or empty folder"
              .formatted(out, String.join(", ", others)));
    }
  }

  /**
   * Writes both tables, then run.json, then the marker.
   *
   * @param format {@code parquet} or {@code csv} (with a header; empty cells for nulls)
   * @param summary the run's settings and counts, written as JSON
   */
  public static void write(
      SparkSession spark,
      String out,
      String format,
      Dataset<Row> forecasts,
      Dataset<Row> metrics,
      Map<String, Object> summary)
      throws IOException {
    check(spark, out);
    Path root = new Path(out);
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    fs.delete(new Path(root, SUCCESS), false);
    table(forecasts, format, new Path(root, "forecasts"));
    table(metrics, format, new Path(root, "metrics"));
    try (OutputStream json = fs.create(new Path(root, "run.json"), true)) {
      json.write((Json.line(summary) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    fs.create(new Path(root, SUCCESS), true).close();
  }

  /** Whether {@code out} holds a complete run. */
  public static boolean complete(SparkSession spark, String out) throws IOException {
    Path marker = new Path(out, SUCCESS);
    return marker.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(marker);
  }

  private static void table(Dataset<Row> table, String format, Path where) {
    table
        .write()
        .mode(SaveMode.Overwrite)
        .format(format)
        .option("header", "true")
        .save(where.toString());
  }
}
