package org.rnnkit.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.rnnkit.nn.Parameter;
import org.rnnkit.optim.GradientClipping;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingListener;

/**
 * A training listener that records, for every batch, the global gradient norm before clipping (from
 * {@link BatchEvent#gradientNorm()}) and each parameter's gradient norm {@code ||g_p||_2}.
 *
 * <p>The trainer calls listeners after clipping and the optimizer step, so the parameter gradients
 * it sees are clipped. With clipping by norm every gradient was scaled by the same {@code c =
 * min(1, maxNorm / (norm + 1e-6))}, and this recorder divides by c to report the norms before
 * clipping. With clipping by value that cannot be undone, and {@link #perParameterClipped()} says
 * the per-parameter norms are after clipping.
 */
public final class GradientNormRecorder implements TrainingListener {
  private final List<Parameter> parameters;
  private final List<Entry> entries = new ArrayList<>();
  private double clipNorm;
  private boolean clippedByValue;

  /**
   * One batch.
   *
   * @param update 1-based count of updates since the start of the run
   * @param globalNorm {@code sqrt(sum_p ||g_p||^2)} before clipping
   * @param parameterNorms {@code ||g_p||_2} per parameter, in the order of {@link #names()}
   */
  public record Entry(
      int epoch, int batch, int update, double globalNorm, double[] parameterNorms) {}

  /**
   * @param parameters Not modified. The trained model's parameters, in its order.
   */
  public GradientNormRecorder(List<Parameter> parameters) {
    this.parameters = List.copyOf(parameters);
  }

  @Override
  public void onStart(TrainingConfig config, int batchesPerEpoch) {
    clipNorm = config.clipNorm();
    clippedByValue = config.clipValue() > 0;
  }

  @Override
  public void onBatch(BatchEvent event) {
    double norm = event.gradientNorm();
    // the clipping coefficient the trainer applied, undone
    double c = clipNorm > 0 ? Math.min(1, clipNorm / (norm + 1e-6)) : 1;
    double[] perParameter = new double[parameters.size()];
    for (int i = 0; i < perParameter.length; i++) {
      perParameter[i] = l2(parameters.get(i)) / c;
    }
    entries.add(new Entry(event.epoch(), event.batch(), entries.size() + 1, norm, perParameter));
  }

  /** The parameter names, in the order of {@link Entry#parameterNorms()}. */
  public List<String> names() {
    return parameters.stream().map(Parameter::name).toList();
  }

  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The global norms before clipping, one per update. */
  public double[] globalNorms() {
    return entries.stream().mapToDouble(Entry::globalNorm).toArray();
  }

  /** True when the run clipped by value, so per-parameter norms are after clipping. */
  public boolean perParameterClipped() {
    return clippedByValue;
  }

  private static double l2(Parameter p) {
    return GradientClipping.globalNorm(List.of(p));
  }
}
