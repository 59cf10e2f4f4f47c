/**
 * The M4 competition's statistical benchmarks and accuracy measures, as its code computed them:
 * {@link org.rnnkit.forecast.m4.M4Benchmarks} (Naive2, SES, Holt, Damped, Theta, Comb, each after
 * the competition's seasonal adjustment), and {@link org.rnnkit.forecast.m4.M4Metrics} (sMAPE,
 * MASE, OWA against Naive2, MSIS and coverage of 95% intervals), per series and averaged as the
 * competition averaged them.
 */
package org.rnnkit.forecast.m4;
