/**
 * The network core: {@link org.rnnkit.nn.Sequence} (a T x B x F batch, time-major), {@link
 * org.rnnkit.nn.Parameter} (a named value with its gradient), the {@link org.rnnkit.nn.Layer}
 * contract, {@link org.rnnkit.nn.SequenceModel} (layers in order), activations and initialisers,
 * and {@link org.rnnkit.nn.VectorMath} (tanh and sigmoid over array blocks, in loops the JIT turns
 * into SIMD code). Nothing here prints, reads files or knows the command line.
 */
package org.rnnkit.nn;
