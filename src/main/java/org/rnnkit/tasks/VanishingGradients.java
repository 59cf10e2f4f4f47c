package org.rnnkit.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnnkit.data.Batch;
import org.rnnkit.diagnostics.GradientFlow;
import org.rnnkit.diagnostics.GradientFlowHistory;
import org.rnnkit.diagnostics.JacobianNorms;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.train.TrainingListener;

/**
 * The vanishing-gradient experiment behind {@code rnnkit gradients}: {@code ||dL/dh[t]||} for every
 * step at initialisation (input size 1, N(0, 1) inputs, {@code L = sum of h[T]}, PyTorch's default
 * init) with the spectral norm of the state Jacobian {@code dh[T]/dh[t]}; the same after a short
 * training run on the adding problem, per epoch; and optionally the clipping demonstration. It
 * prints nothing and writes nothing: {@link #run} returns a {@link Result}.
 */
public final class VanishingGradients {
  /** The clipping demonstration's threshold on the global gradient norm. */
  public static final double CLIP = 1;

  private VanishingGradients() {}

  /**
   * What to measure.
   *
   * @param cells the cells, in order; an LSTM with forget-gate bias +1 is added after the LSTM at
   *     initialisation when {@code forgetBiasLine} and it is not already there
   * @param length T, at least 2
   * @param hidden H, at least 1
   * @param batch sequences averaged over in each measurement, at least 1
   * @param updates of the training run per cell; 0 skips it
   * @param learningRate Adam's, greater than 0
   * @param clipDemo whether to run the clipping demonstration
   * @param seed of data and weights
   */
  public record Setup(
      List<CellChoice> cells,
      int length,
      int hidden,
      int batch,
      int updates,
      double learningRate,
      boolean forgetBiasLine,
      boolean clipDemo,
      long seed) {
    public Setup {
      cells = List.copyOf(cells);
      require(!cells.isEmpty(), "--cells must name at least one cell");
      require(length >= 2, "--length must be at least 2, got " + length);
      require(hidden >= 1, "--hidden must be at least 1, got " + hidden);
      require(batch >= 1, "--batch must be at least 1, got " + batch);
      require(updates >= 0, "--updates must be 0 or more, got " + updates);
      require(learningRate > 0, "--learning-rate must be greater than 0, got " + learningRate);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }

    /** The cells probed at initialisation: {@link #cells} and the forget-bias line. */
    public List<CellChoice> probed() {
      List<CellChoice> probed = new ArrayList<>(cells);
      if (forgetBiasLine
          && cells.contains(CellChoice.LSTM)
          && !cells.contains(CellChoice.LSTM_FORGET1)) {
        probed.add(probed.indexOf(CellChoice.LSTM) + 1, CellChoice.LSTM_FORGET1);
      }
      return probed;
    }
  }

  /**
   * One cell at initialisation.
   *
   * @param norms {@code ||dL/dh[t]||} for t = 0..T-1, mean over the batch
   * @param jacobian spectral norm of {@code dh[T-1]/dh[t]} for t = 0..T-1
   */
  public record AtInit(CellChoice cell, double[] norms, double[] jacobian) {
    /** {@code ||dL/dh[0]|| / ||dL/dh[T-1]||}: how much of the gradient reaches the first step. */
    public double ratio() {
      return norms[0] / norms[norms.length - 1];
    }
  }

  /**
   * One cell after its training run.
   *
   * @param perEpoch {@code ||dL/dh[t]||} on a fixed probe batch at each recorded epoch (row 0:
   *     initialisation)
   * @param epochs the epoch of each row of perEpoch
   * @param batchesPerEpoch updates per epoch
   * @param score the test score of the adding problem
   * @param diverged why training stopped on a non-finite value; empty when it did not
   */
  public record Trained(
      CellChoice cell,
      double[][] perEpoch,
      int[] epochs,
      int batchesPerEpoch,
      Task.Score score,
      String diverged) {
    /** The norms after the last epoch. */
    public double[] norms() {
      return perEpoch[perEpoch.length - 1];
    }

    /** {@code ||dL/dh[0]|| / ||dL/dh[T-1]||} after training. */
    public double ratio() {
      double[] n = norms();
      return n[0] / n[n.length - 1];
    }
  }

  /**
   * @param trained empty when {@code setup.updates()} is 0
   * @param clipping null unless {@code setup.clipDemo()}
   */
  public record Result(
      Setup setup, List<AtInit> initial, List<Trained> trained, ClippingDemo.Result clipping) {}

  /** Makes the listener of one training run (a progress bar); closed when it is AutoCloseable. */
  @FunctionalInterface
  public interface Progress {
    TrainingListener start(String label, long batches);
  }

  /** Runs every measurement of {@code setup}. */
  public static Result run(Setup setup, Progress progress) {
    List<AtInit> initial = new ArrayList<>();
    Sequence x = gaussian(setup, new Random(setup.seed() + 1));
    for (CellChoice cell : setup.probed()) {
      RecurrentStack stack = cell.stack(1, setup.hidden(), new Random(setup.seed()));
      double[] norms = GradientFlow.probeLastStep(stack, x).get(0).norms();
      double[] jacobian =
          JacobianNorms.measure(stack, x, JacobianNorms.MatrixNorm.SPECTRAL).get(0).norms();
      initial.add(new AtInit(cell, norms, jacobian));
    }
    List<Trained> trained = new ArrayList<>();
    if (setup.updates() > 0) {
      for (CellChoice cell : setup.cells()) {
        trained.add(train(setup, cell, progress));
      }
    }
    ClippingDemo.Result clipping = null;
    if (setup.clipDemo()) {
      ClippingDemo demo =
          new ClippingDemo(CellChoice.IRNN, 10, setup.hidden(), 0.1, CLIP, 1500, 32);
      TrainingListener bar = progress.start("clipping", 2L * demo.updates());
      try {
        clipping = demo.run(setup.seed(), List.of(bar));
      } finally {
        close(bar);
      }
    }
    return new Result(setup, initial, trained, clipping);
  }

  /** The adding problem's budget for the training runs. */
  public static Budget budget(Setup setup) {
    return Budget.builder()
        .updates(setup.updates())
        .learningRate(setup.learningRate())
        .hiddenSize(setup.hidden())
        .distinctBatches(Math.max(10, setup.updates() / 20))
        .build();
  }

  private static Trained train(Setup setup, CellChoice cell, Progress progress) {
    AddingProblem task = new AddingProblem(setup.length());
    Batch probe = Batch.of(task.generate(setup.batch(), new Random(setup.seed() + 2)));
    Budget budget = budget(setup);
    GradientFlowHistory[] history = new GradientFlowHistory[1];
    TrainingListener bar =
        progress.start(cell.id(), (long) budget.epochs() * budget.batchesPerEpoch());
    TaskRun.Result result;
    try {
      result =
          TaskRun.run(
              task,
              cell,
              budget,
              setup.seed(),
              model -> {
                history[0] =
                    new GradientFlowHistory(model, task.loss(), probe.input(), probe.target());
                return List.of(history[0], bar);
              });
    } finally {
      close(bar);
    }
    return new Trained(
        cell,
        history[0].norms(),
        history[0].epochs(),
        budget.batchesPerEpoch(),
        result.score(),
        result.diverged());
  }

  private static void close(TrainingListener listener) {
    if (listener instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a progress listener failed", e);
      }
    }
  }

  private static Sequence gaussian(Setup setup, Random rng) {
    Sequence x = new Sequence(setup.length(), setup.batch(), 1);
    for (int i = 0; i < x.values().getNumElements(); i++) {
      x.values().data[i] = rng.nextGaussian();
    }
    return x;
  }
}
