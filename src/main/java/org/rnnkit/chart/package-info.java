/**
 * JFreeChart charts written as 1200x800 PNGs in one shared style: the forecast picture ({@link
 * org.rnnkit.chart.ForecastChart}) and loss curves, line charts (optionally log-scale y, with
 * threshold lines) and heat maps with a colour bar; the atomic PNG writer ({@link
 * org.rnnkit.chart.Charts}).
 */
package org.rnnkit.chart;
