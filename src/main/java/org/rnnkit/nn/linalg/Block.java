package org.rnnkit.nn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Rows {@code row .. row+rows-1} of a matrix, every column: the operand of a {@link MatMul}
 * product. Step t of a {@code (T*B) x W} buffer is {@code new Block(buffer, t*B, B)}, used in place
 * (no copy); {@link #of} names a whole matrix.
 *
 * @param matrix Not modified by the block; the product it is passed to says what it modifies.
 * @param row first row, at least 0
 * @param rows number of rows, at least 0; {@code row + rows} at most {@code matrix.numRows}
 */
public record Block(DMatrixRMaj matrix, int row, int rows) {
  public Block {
    if (matrix == null || row < 0 || rows < 0 || row + rows > matrix.numRows) {
      throw outside(matrix, row, rows);
    }
  }

  private static IllegalArgumentException outside(DMatrixRMaj matrix, int row, int rows) {
    return new IllegalArgumentException(
        matrix == null
            ? "a block needs a matrix, got null"
            : "a block of %d rows at row %d does not fit in a %dx%d matrix"
                .formatted(rows, row, matrix.numRows, matrix.numCols));
  }

  /** Every row of {@code matrix}. */
  public static Block of(DMatrixRMaj matrix) {
    return new Block(matrix, 0, matrix == null ? 0 : matrix.numRows);
  }

  /** The block's columns: its matrix's. */
  public int cols() {
    return matrix.numCols;
  }

  /** Index of the block's first value in {@code matrix.data}. */
  int offset() {
    return row * matrix.numCols;
  }

  double[] data() {
    return matrix.data;
  }

  /** {@code rows x cols}, for messages. */
  String shape() {
    return rows + "x" + matrix.numCols;
  }
}
