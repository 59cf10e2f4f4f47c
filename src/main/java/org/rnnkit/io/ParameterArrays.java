package org.rnnkit.io;

import java.util.Arrays;
import org.rnnkit.nn.Parameter;

/**
 * A {@link Parameter}'s PyTorch shape. Weights keep their {@code rows x cols}; a bias, held as a
 * {@code 1 x n} row, is the 1-D {@code (n,)} PyTorch uses. A parameter is a bias when the last
 * dot-separated part of its name starts with {@code bias} ({@code bias_ih_l0}, {@code head.bias}),
 * PyTorch's own naming.
 *
 * <p>In a PyTorch state_dict, a normalisation layer's gain is 1-D as well ({@code
 * BatchNorm1d.weight}, {@code LayerNorm.weight}: {@code (F,)}); {@link #vectorShape} gives that
 * shape. rnnkit's own model files keep such a gain as {@code (1, F)}, as they always have.
 */
final class ParameterArrays {
  private ParameterArrays() {}

  static boolean isBias(Parameter p) {
    String last = p.name().substring(p.name().lastIndexOf('.') + 1);
    return last.startsWith("bias") && p.value().numRows == 1;
  }

  /** {@code (n,)} for a bias, {@code (rows, cols)} otherwise. */
  static int[] pytorchShape(Parameter p) {
    return isBias(p)
        ? new int[] {p.value().numCols}
        : new int[] {p.value().numRows, p.value().numCols};
  }

  /** {@code (rows * cols,)}: a {@code 1 x n} gain or bias as PyTorch's {@code (n,)}. */
  static int[] vectorShape(Parameter p) {
    return new int[] {p.size()};
  }

  /** A copy of the value in its PyTorch shape. */
  static NdArray toArray(Parameter p) {
    return new NdArray(pytorchShape(p), Arrays.copyOf(p.value().data, p.size()));
  }
}
