/**
 * The matrix-product seam: {@link org.rnnkit.nn.linalg.MatMul} computes {@code C = op(A) op(B) +
 * beta C} on row blocks of EJML matrices, through OpenBLAS's {@code cblas_dgemm} when its native
 * library loads and through a pure-Java blocked kernel otherwise. Layers route every product
 * through {@link org.rnnkit.nn.linalg.MatMul#current()}; nothing else in the network knows which
 * backend runs. Nothing here prints; the backend in use is logged once at debug level.
 */
package org.rnnkit.nn.linalg;
