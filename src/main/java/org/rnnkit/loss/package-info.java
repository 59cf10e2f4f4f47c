/**
 * Losses, each a scalar with its gradient, averaged as PyTorch's default reduction: the elementwise
 * losses ({@link org.rnnkit.loss.ElementwiseLoss}: mean squared error, mean absolute error, Huber)
 * and softmax cross-entropy.
 */
package org.rnnkit.loss;
