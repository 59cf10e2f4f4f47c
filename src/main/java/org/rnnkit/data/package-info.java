/**
 * Data: {@link org.rnnkit.data.Example} (one input sequence and its target) and {@link
 * org.rnnkit.data.Batch} (examples padded into one batch with per-sequence lengths); time series
 * ({@link org.rnnkit.data.TimeSeries}), their CSV reader ({@link org.rnnkit.data.TimeSeriesCsv}),
 * the embedded classic datasets ({@link org.rnnkit.data.Datasets}) and seeded synthetic generators
 * ({@link org.rnnkit.data.SyntheticSeries}).
 */
package org.rnnkit.data;
