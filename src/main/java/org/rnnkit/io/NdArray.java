package org.rnnkit.io;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An n-dimensional array of doubles in C (row-major) order, as NumPy's {@code ndarray}: element
 * {@code [i0, i1, ..., ik]} is {@code data[((i0 * s1 + i1) * s2 + ...) + ik]}. A 0-d array (shape
 * {@code []}) holds one value.
 *
 * @param shape Not modified; copied. Every dimension is at least 0.
 * @param data Not copied: the array holds this very buffer. Its length is the product of the shape.
 */
public record NdArray(int[] shape, double[] data) {

  /** Validates and copies the shape. */
  public NdArray {
    if (shape == null || data == null) {
      throw new IllegalArgumentException("shape and data are required");
    }
    shape = shape.clone();
    long count = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "shape %s has a negative dimension".formatted(Arrays.toString(shape)));
      }
      count *= d;
      if (count > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "shape %s holds more values than a Java array can".formatted(Arrays.toString(shape)));
      }
    }
    if (count != data.length) {
      throw new IllegalArgumentException(
          "shape %s holds %d values, got %d values"
              .formatted(Arrays.toString(shape), count, data.length));
    }
  }

  /** {@code new NdArray(shape, data)} with the shape last, for literals: {@code of(d, 2, 3)}. */
  public static NdArray of(double[] data, int... shape) {
    return new NdArray(shape, data);
  }

  /** A copy of the shape. */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** The number of dimensions; 0 for a scalar. */
  public int rank() {
    return shape.length;
  }

  /** Size of dimension {@code axis}. */
  public int dim(int axis) {
    return shape[axis];
  }

  /** The number of values, the product of the shape (1 for a 0-d array). */
  public int size() {
    return data.length;
  }

  /** True when {@code other} has this shape. */
  public boolean hasShape(int... other) {
    return Arrays.equals(shape, other);
  }

  /** NumPy's spelling of the shape: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
  public String shapeString() {
    return shapeString(shape);
  }

  /** NumPy's spelling of a shape: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
  static String shapeString(int[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    return Arrays.stream(shape)
        .mapToObj(Integer::toString)
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** Equal when shapes are equal and the values are bitwise equal ({@link Double#compare}). */
  @Override
  public boolean equals(Object o) {
    return o instanceof NdArray other
        && Arrays.equals(shape, other.shape)
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "NdArray" + shapeString();
  }
}
