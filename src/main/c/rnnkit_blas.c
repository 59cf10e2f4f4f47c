/*
 * rnnkit's JNI shim: cblas_dgemm on Java double[] arrays pinned in place, with no copy in or out.
 *
 * The dgemm itself is OpenBLAS's, loaded by org.bytedeco:openblas; Java passes its address, so this
 * library links against nothing but libc. GetPrimitiveArrayCritical pins each array (HotSpot hands
 * out the heap address and holds garbage collection off until the release), so no JNI call may be
 * made in between and the product must not block; cblas_dgemm does neither.
 *
 * Built by Maven (pom.xml, antrun "native-blas") into target/classes; see PinnedBlas.java.
 */
#include <jni.h>
#include <stdint.h>

typedef void (*dgemm_fn)(int order, int trans_a, int trans_b, int m, int n, int k, double alpha,
                         const double *a, int lda, const double *b, int ldb, double beta,
                         double *c, int ldc);

/* C[c_offset..] = op(A[a_offset..]) op(B[b_offset..]) + beta C[c_offset..], row-major. */
JNIEXPORT void JNICALL Java_org_rnnkit_nn_linalg_PinnedBlas_dgemm(
    JNIEnv *env, jclass cls, jlong function, jint order, jint trans_a, jint trans_b, jint m,
    jint n, jint k, jdoubleArray a, jint a_offset, jint lda, jdoubleArray b, jint b_offset,
    jint ldb, jdouble beta, jdoubleArray c, jint c_offset, jint ldc) {
  (void) cls;
  double *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
  if (pa == NULL) {
    return; /* an OutOfMemoryError is pending */
  }
  double *pb = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
  if (pb == NULL) {
    (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
    return;
  }
  double *pc = (*env)->GetPrimitiveArrayCritical(env, c, NULL);
  if (pc != NULL) {
    ((dgemm_fn) (intptr_t) function)(order, trans_a, trans_b, m, n, k, 1.0, pa + a_offset, lda,
                                     pb + b_offset, ldb, beta, pc + c_offset, ldc);
    (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
  }
  (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
  (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
}
