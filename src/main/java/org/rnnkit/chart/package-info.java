/**
 * JFreeChart charts written as 1200x800 PNGs in one shared style: line charts (optionally log-scale
 * y, with threshold lines) and heat maps with a colour bar. Charts take plain arrays, so they know
 * nothing about models or training.
 */
package org.rnnkit.chart;
