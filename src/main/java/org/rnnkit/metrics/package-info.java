/**
 * Evaluating a trained model: {@link org.rnnkit.metrics.Metric} (accuracy, top-k accuracy, MSE,
 * MAE, each a mean over real rows so batches combine exactly), {@link
 * org.rnnkit.metrics.ClassCounts} (a classifier's confusion matrix and per-class support) and
 * {@link org.rnnkit.metrics.Evaluation}, which runs {@link org.rnnkit.nn.SequenceModel#predict}
 * batch by batch and gathers them, as Keras's {@code evaluate}.
 */
package org.rnnkit.metrics;
