/**
 * Numerical measurements of training: the finite-difference gradient check; gradient flow over time
 * ({@code ||dL/dh[t]||} per step and layer, recorded during the ordinary backward pass through
 * {@link org.rnnkit.nn.layer.Recurrent.HiddenGradientObserver}); the norms of the state Jacobians
 * {@code dh[T]/dh[t]} (spectral or Frobenius); and training listeners that record per-parameter and
 * global gradient norms per batch and gradient flow per epoch. Nothing here prints or writes files.
 */
package org.rnnkit.diagnostics;
