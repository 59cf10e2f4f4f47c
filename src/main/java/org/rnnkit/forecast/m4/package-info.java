/**
 * The M4 competition's accuracy measures ({@link org.rnnkit.forecast.m4.M4Metrics}: sMAPE, MASE,
 * OWA against Naive2, MSIS and coverage of 95% intervals), per series and averaged as the
 * competition averaged them.
 */
package org.rnnkit.forecast.m4;
