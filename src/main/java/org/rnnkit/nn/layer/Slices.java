package org.rnnkit.nn.layer;

import java.util.function.Consumer;
import org.ejml.data.DMatrixRMaj;
import org.rnnkit.nn.linalg.MatMul;
import org.rnnkit.nn.linalg.Workers;

/**
 * How a recurrent layer's loops use the threads ({@link MatMul#threads()}): the sequences of a
 * batch are independent, so each time loop runs on slices of the batch side by side, one slice per
 * thread (the products inside then stay on their own thread); and the bias gradients' column sums
 * are split by columns. Neither changes a number: each sequence's recurrence and each column's sum
 * runs in the same order as on one thread.
 */
final class Slices {
  /** Below this many values a column-sum pass stays on one thread. */
  private static final int PARALLEL_COLUMN_SUMS = 1 << 16;

  private Slices() {}

  /**
   * Runs {@code loop} over slices of {@code u}'s batch: side by side on up to {@link
   * MatMul#threads()} threads when {@code mayParallelise} and not already inside a split, else one
   * slice holding every sequence.
   *
   * @param loop Called once per slice with its step view (at step 0); rethrows its failure.
   */
  static void run(Unrolled u, boolean mayParallelise, Consumer<Unrolled.View> loop) {
    int threads = Math.min(MatMul.threads(), Workers.MAX_PARTS);
    int slices = mayParallelise && !Workers.busy() ? Math.min(threads, u.batch()) : 1;
    if (slices == 1) {
      loop.accept(u.view(0, 1));
      return;
    }
    Workers.run(slices, part -> loop.accept(u.view(part, slices)));
  }

  /**
   * {@code sums += } the column sums of m; a large m has its columns divided among {@link
   * MatMul#threads()} threads (each column is still summed top to bottom, so the result does not
   * depend on the thread count).
   *
   * @param m Not modified.
   * @param sums Modified: {@code 1 x m.numCols}.
   */
  static void addColumnSums(DMatrixRMaj m, DMatrixRMaj sums) {
    int parts = Math.min(Math.min(MatMul.threads(), Workers.MAX_PARTS), m.numCols);
    if (parts == 1 || Workers.busy() || m.getNumElements() < PARALLEL_COLUMN_SUMS) {
      addColumnSums(m, sums, 0, m.numCols);
      return;
    }
    int cols = m.numCols;
    Workers.run(
        parts, part -> addColumnSums(m, sums, part * cols / parts, (part + 1) * cols / parts));
  }

  private static void addColumnSums(DMatrixRMaj m, DMatrixRMaj sums, int from, int to) {
    int cols = m.numCols;
    for (int r = 0; r < m.numRows; r++) {
      for (int c = from; c < to; c++) {
        sums.data[c] += m.data[r * cols + c];
      }
    }
  }
}
