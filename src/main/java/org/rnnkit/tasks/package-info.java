/**
 * Long-range benchmark tasks of the vanishing-gradient literature, generated in code from a seed:
 * the adding problem, copy memory and the embedded Reber grammar, each with its success test; the
 * cell choices compared on them (tanh RNN, relu RNN with default or identity init, LSTM with or
 * without a raised forget-gate bias, GRU); budgeted training runs; and the clipping demonstration.
 */
package org.rnnkit.tasks;
