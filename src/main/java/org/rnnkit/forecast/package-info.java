/**
 * Time-series forecasting: the recurrent ensemble forecaster and its invertible preprocessing, the
 * statistical baselines (naive, seasonal naive, drift, Holt-Winters), accuracy metrics (MAE, RMSE,
 * MAPE, sMAPE, MASE) and the hold-out evaluation that compares them honestly.
 */
package org.rnnkit.forecast;
