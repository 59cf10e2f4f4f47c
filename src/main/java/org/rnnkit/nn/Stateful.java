package org.rnnkit.nn;

/**
 * A layer that can carry its recurrent state from one call of {@code forward} to the next, for
 * truncated BPTT over chunks of a long sequence and for step-by-step inference.
 *
 * <p>Call order: {@link #resetState()} at the start of a new sequence; after each {@code forward}
 * (and its {@code backward}, if training), {@link #carryState()} makes that call's final state the
 * next call's initial state. The carried state is a copy: no gradient flows back through it, which
 * is exactly where truncated BPTT cuts the graph.
 */
public interface Stateful {

  /** Makes the latest forward's final state the initial state of the next forward. */
  void carryState();

  /** Forgets any carried state: the next forward starts from zeros. */
  void resetState();
}
