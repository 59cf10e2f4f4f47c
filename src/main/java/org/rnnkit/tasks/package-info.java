/**
 * Long-range benchmark tasks of the vanishing-gradient literature, generated in code from a seed:
 * the adding problem, copy memory and the embedded Reber grammar, each with its success test; the
 * cell choices compared on them (tanh RNN, relu RNN with default or identity init, LSTM with or
 * without a raised forget-gate bias, GRU); budgeted training runs; the clipping demonstration; and
 * {@link org.rnnkit.tasks.VanishingGradients}, the experiment behind {@code rnnkit gradients},
 * which returns its measurements as a record.
 */
package org.rnnkit.tasks;
