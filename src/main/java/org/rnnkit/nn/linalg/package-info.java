/**
 * The matrix-product seam: {@link org.rnnkit.nn.linalg.MatMul} multiplies {@link
 * org.rnnkit.nn.linalg.Block}s (row blocks of EJML matrices, used in place) with operations named
 * after their formula, as EJML's {@code CommonOps_DDRM}: {@code mult}, {@code multAdd}, {@code
 * multTransA}, {@code multAddTransA}, {@code multTransB}, {@code multAddTransB}, and {@code
 * mult}/{@code multAdd} with a right operand held for a whole pass ({@link
 * org.rnnkit.nn.linalg.MatMul.Operand}, a weight). Two backends implement one primitive each:
 * OpenBLAS's {@code cblas_dgemm} on the arrays in place, pinned by rnnkit's JNI shim ({@code
 * PinnedBlas}, {@code src/main/c/rnnkit_blas.c}), and a pure-Java blocked kernel where OpenBLAS or
 * the shim does not load. A large product is split by rows of C ({@code RowSplit}) across {@link
 * org.rnnkit.nn.linalg.Workers}, which also runs a layer's batch slices side by side (OpenBLAS
 * itself stays on one thread). The system properties {@code rnnkit.blas} and {@code rnnkit.threads}
 * are read in one place ({@code Settings}). Nothing here prints; the backend in use is logged once
 * at debug level.
 */
package org.rnnkit.nn.linalg;
