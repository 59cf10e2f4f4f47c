/**
 * Time-series forecasting: the recurrent ensemble forecaster and its invertible preprocessing, the
 * statistical baselines (naive, seasonal naive, drift, Holt-Winters), accuracy metrics (MAE, RMSE,
 * MAPE, sMAPE, MASE), the hold-out evaluation that compares them honestly (a baseline that cannot
 * be fitted is marked failed, never the end of the run), and the trained forecaster that is saved
 * and placed on new history by its dates ({@link org.rnnkit.forecast.TrainedForecaster}).
 */
package org.rnnkit.forecast;
