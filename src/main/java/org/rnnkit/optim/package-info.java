/** Optimizers that update parameters from their gradients. */
package org.rnnkit.optim;
