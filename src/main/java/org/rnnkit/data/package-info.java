/**
 * Data: {@link org.rnnkit.data.Example} (one input sequence and its target) and {@link
 * org.rnnkit.data.Batch} (examples padded into one batch with per-sequence lengths); time series
 * ({@link org.rnnkit.data.TimeSeries}), their CSV reader ({@link org.rnnkit.data.TimeSeriesCsv}),
 * the embedded classic datasets ({@link org.rnnkit.data.Datasets}), seeded synthetic generators
 * ({@link org.rnnkit.data.SyntheticSeries}), and catalogues of many series ({@link
 * org.rnnkit.data.Catalogue}) read from a long table, a folder of series files or M4's wide table.
 */
package org.rnnkit.data;
