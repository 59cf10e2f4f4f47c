/**
 * Forecasting a catalogue of many series at once: {@link
 * org.rnnkit.forecast.catalogue.GlobalForecaster} (one recurrent network, an ensemble of seeds,
 * trained on windows pooled from every series, which {@link
 * org.rnnkit.forecast.catalogue.TrainingWindows} draws per series so that a distributed trainer
 * draws the same), its combination with statistical methods ({@link
 * org.rnnkit.forecast.catalogue.CombinedModel}; kept or dropped on the backtest by {@link
 * org.rnnkit.forecast.catalogue.CombinationChoice}), the per-series forecaster as the same kind of
 * {@link org.rnnkit.forecast.catalogue.CatalogueModel} ({@link
 * org.rnnkit.forecast.catalogue.LocalModel}), rolling-origin backtests ({@link
 * org.rnnkit.forecast.catalogue.Backtest}) whose errors calibrate the prediction intervals ({@link
 * org.rnnkit.forecast.catalogue.ConformalIntervals}, on the scores of {@link
 * org.rnnkit.forecast.catalogue.NormalisedScore}), the same protocol one series at a time for a
 * distributed run ({@link org.rnnkit.forecast.catalogue.SeriesBacktest}), the result tables ({@link
 * org.rnnkit.forecast.catalogue.CatalogueTables}), and the per-series and averaged results.
 */
package org.rnnkit.forecast.catalogue;
