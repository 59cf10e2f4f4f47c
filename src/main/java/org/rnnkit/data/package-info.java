/**
 * Data: {@link org.rnnkit.data.Example} (one input sequence and its target) and {@link
 * org.rnnkit.data.Batch} (examples padded into one batch with per-sequence lengths); time series
 * ({@link org.rnnkit.data.TimeSeries}), their CSV reader ({@link org.rnnkit.data.TimeSeriesCsv}),
 * the embedded classic datasets ({@link org.rnnkit.data.Datasets}), seeded synthetic generators
 * ({@link org.rnnkit.data.SyntheticSeries}), and catalogues of many series ({@link
 * org.rnnkit.data.Catalogue}) read from a long table, a folder of series files or M4's wide table.
 *
 * <p>A series' dates are local dates and times with no zone ({@link java.time.LocalDateTime}; a
 * date is its midnight), written as {@code 1960}, {@code 1960-Q3}, {@code 1960-07}, {@code
 * 1960-07-15} or {@code 1960-07-15 13:00} ({@code T} between date and time and {@code :ss} seconds
 * are read too), and read as given: no daylight-saving shift is applied. Their spacing gives the
 * {@link org.rnnkit.data.Frequency} (yearly, quarterly, monthly, weekly, daily or hourly) and with
 * it the season. Dates in another form ({@code 01/15/2020}, {@code Jan 2020}, {@code
 * 2024-01-01T13:00Z}, ...) are refused naming the row and the forms read, never taken for labels of
 * an undated series.
 */
package org.rnnkit.data;
