/**
 * JFreeChart charts written as 1200x800 PNGs in one shared style ({@link
 * org.rnnkit.chart.ChartStyle}, which also writes them atomically and gives every forecasting role,
 * actual values, the network and each baseline, one colour and line style in every chart): the
 * forecast picture ({@link org.rnnkit.chart.ForecastChart}), loss curves with the restored epoch,
 * line charts (optionally log-scale y, with threshold lines) and heat maps with a colour bar.
 */
package org.rnnkit.chart;
