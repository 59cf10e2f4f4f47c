/**
 * Losses, each a scalar with its gradient, averaged as PyTorch's default reduction: mean squared
 * error and softmax cross-entropy.
 */
package org.rnnkit.loss;
