/**
 * The network core: {@link org.rnnkit.nn.Sequence} (a T x B x F batch, time-major), {@link
 * org.rnnkit.nn.Parameter} (a named value with its gradient), the {@link org.rnnkit.nn.Layer}
 * contract, {@link org.rnnkit.nn.SequenceModel} (layers in order), activations and initialisers.
 * Nothing here prints, reads files or knows the command line.
 */
package org.rnnkit.nn;
