/**
 * rnnkit on Apache Spark: forecasting a catalogue of series on the executors, each series with the
 * same local forecaster as {@code rnnkit catalogue --model local}, and training one global model
 * data-parallel (gradients summed with {@code treeAggregate}, the optimizer step on the driver).
 *
 * <p>Spark is a {@code provided} dependency: {@code spark-submit} supplies it. Nothing outside this
 * package refers to Spark.
 */
package org.rnnkit.spark;
