/**
 * JFreeChart charts written as PNG files: shared styling and the atomic PNG writer ({@link
 * org.rnnkit.chart.Charts}), the forecast picture and the loss curves.
 */
package org.rnnkit.chart;
