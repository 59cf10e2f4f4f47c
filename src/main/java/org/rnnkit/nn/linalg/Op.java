package org.rnnkit.nn.linalg;

/** How a matrix operand enters a product: as stored ({@code N}) or transposed ({@code T}). */
public enum Op {
  /** {@code op(A) = A}. */
  N,
  /** {@code op(A) = A^T}. */
  T
}
