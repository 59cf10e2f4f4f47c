/**
 * rnnkit on Apache Spark, run by {@link org.rnnkit.spark.SparkCatalogue} ({@code spark-submit} with
 * {@code target/rnnkit-spark.jar}):
 *
 * <ul>
 *   <li>{@link org.rnnkit.spark.PerSeriesJob}: a catalogue in long format ({@link
 *       org.rnnkit.spark.LongTableRows}) forecast on the executors, each series with the same
 *       forecaster and protocol as {@code rnnkit catalogue --model local} (its refit per series and
 *       its combination chosen on the driver included), intervals calibrated on the driver, bad
 *       series as error rows, tables written by {@link org.rnnkit.spark.RunOutput} with {@code
 *       _SUCCESS} last;
 *   <li>{@link org.rnnkit.spark.DataParallelTrainer}: synchronous data-parallel training (weights
 *       broadcast, each partition's shard gradient from {@code ShardGradient} summed with {@code
 *       treeReduce}, i.e. {@code treeAggregate} without a zero vector per task; clipping and the
 *       optimizer step on the driver), equal to {@link org.rnnkit.train.Trainer} up to summation
 *       order; {@link org.rnnkit.spark.SparkGlobalForecaster} and {@code GlobalStep} train the
 *       global catalogue model with it ({@code --model global}).
 * </ul>
 *
 * <p>Spark is a {@code provided} dependency (the {@code spark} Maven profile): {@code spark-submit}
 * supplies it. Nothing outside this package refers to Spark.
 */
package org.rnnkit.spark;
