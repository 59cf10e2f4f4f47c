package org.rnnkit.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.layer.BatchNorm;

/**
 * A {@link BatchNorm}'s running statistics as PyTorch's {@code BatchNorm1d} keeps them in its
 * state_dict: buffers, not parameters, named and shaped
 *
 * <pre>
 *   &lt;name&gt;.running_mean          (F)   float64
 *   &lt;name&gt;.running_var           (F)   float64, none negative
 *   &lt;name&gt;.num_batches_tracked   ()    float64 here (PyTorch's int64; load_state_dict casts);
 *                                     exact up to 2^53
 * </pre>
 *
 * written after the layer's weight and bias, in PyTorch's order, so that a strict {@code
 * load_state_dict} accepts the export and an import restores what inference needs.
 */
final class RunningStatistics {
  private static final String MEAN = ".running_mean";
  private static final String VARIANCE = ".running_var";
  private static final String BATCHES = ".num_batches_tracked";

  private RunningStatistics() {}

  /** Adds {@code layer}'s three buffers to {@code into}, or nothing when it is no batch norm. */
  static void export(Layer layer, Map<String, NdArray> into) {
    if (layer instanceof BatchNorm norm) {
      for (String suffix : List.of(MEAN, VARIANCE, BATCHES)) {
        Npz.checkKey(norm.name() + suffix);
      }
      into.put(norm.name() + MEAN, NdArray.of(norm.runningMean(), norm.features()));
      into.put(norm.name() + VARIANCE, NdArray.of(norm.runningVariance(), norm.features()));
      into.put(norm.name() + BATCHES, NdArray.of(new double[] {norm.batchesTracked()}));
    }
  }

  /**
   * Removes every batch norm's buffers from {@code arrays} and checks them; nothing in the model
   * changes until the returned updates run.
   *
   * @param file for messages only
   * @param arrays Modified: the buffers of the model's batch norms are removed.
   * @return the updates that set each batch norm's running statistics
   * @throws ModelFileException listing every missing, mis-shaped or impossible buffer
   */
  static List<Runnable> take(Path file, Map<String, NdArray> arrays, SequenceModel model)
      throws ModelFileException {
    List<String> problems = new ArrayList<>();
    List<Runnable> updates = new ArrayList<>();
    for (Layer layer : model.layers()) {
      if (!(layer instanceof BatchNorm norm)) {
        continue;
      }
      int f = norm.features();
      NdArray mean = arrays.remove(norm.name() + MEAN);
      NdArray variance = arrays.remove(norm.name() + VARIANCE);
      NdArray batches = arrays.remove(norm.name() + BATCHES);
      int before = problems.size();
      check(norm.name() + MEAN, mean, new int[] {f}, problems);
      check(norm.name() + VARIANCE, variance, new int[] {f}, problems);
      check(norm.name() + BATCHES, batches, new int[0], problems);
      if (problems.size() > before) {
        continue;
      }
      if (Arrays.stream(variance.data()).anyMatch(v -> v < 0)) {
        problems.add("buffer %s holds a negative variance".formatted(norm.name() + VARIANCE));
      }
      double count = batches.data()[0];
      if (count < 0 || count != Math.rint(count)) {
        problems.add(
            "buffer %s holds %s, not a whole number of at least 0"
                .formatted(norm.name() + BATCHES, count));
      }
      if (problems.size() == before) {
        updates.add(() -> norm.setRunningStatistics(mean.data(), variance.data(), (long) count));
      }
    }
    if (!problems.isEmpty()) {
      throw new ModelFileException(
          ("%s does not hold the batch norm running statistics the model needs: %s; export the"
                  + " module's whole state_dict (buffers included)")
              .formatted(file, String.join("; ", problems)));
    }
    return updates;
  }

  private static void check(String key, NdArray array, int[] shape, List<String> problems) {
    if (array == null) {
      problems.add("buffer %s %s is missing".formatted(key, Arrays.toString(shape)));
    } else if (!Arrays.equals(array.shape(), shape)) {
      problems.add(
          "buffer %s has shape %s, the model needs %s"
              .formatted(key, Arrays.toString(array.shape()), Arrays.toString(shape)));
    } else if (Arrays.stream(array.data()).anyMatch(v -> !Double.isFinite(v))) {
      problems.add("buffer %s holds a value that is not finite".formatted(key));
    }
  }
}
