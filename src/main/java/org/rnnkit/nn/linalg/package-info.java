/**
 * The matrix-product seam: {@link org.rnnkit.nn.linalg.MatMul} computes {@code C = op(A) op(B) +
 * beta C} on row blocks of EJML matrices, through OpenBLAS's {@code cblas_dgemm} when its native
 * library loads and through a pure-Java blocked kernel otherwise. OpenBLAS reads and writes the
 * arrays in place where rnnkit's JNI shim ({@code src/main/c/rnnkit_blas.c}, {@code PinnedBlas})
 * loads too, and native copies of the blocks a product touches where it does not. Layers route
 * every product through {@link org.rnnkit.nn.linalg.MatMul#current()}; nothing else in the network
 * knows which backend runs. A weight used by every step is an {@link
 * org.rnnkit.nn.linalg.MatMul.Operand} and the input product that every step adds onto an {@link
 * org.rnnkit.nn.linalg.MatMul.Accumulator}, both kept in the backend's memory. {@link
 * org.rnnkit.nn.linalg.Workers} runs parts side by side: the row parts of a large product and a
 * layer's batch slices (OpenBLAS itself stays on one thread). Nothing here prints; the backend in
 * use is logged once at debug level.
 */
package org.rnnkit.nn.linalg;
