package org.rnnkit.text;

import java.util.ArrayList;
import java.util.List;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.train.TrainingDivergedException;

/**
 * Trains a {@link CharModel} as char-rnn does (Karpathy 2015, "The Unreasonable Effectiveness of
 * Recurrent Neural Networks"): the training text cut into B parallel streams ({@link CharStreams}),
 * one update per chunk of T characters, the recurrent state carried from chunk to chunk as a
 * constant (truncated BPTT), softmax cross-entropy at every step, the global gradient norm clipped,
 * Adam.
 *
 * <pre>
 *   for each epoch: state = 0
 *     for each chunk k: zero gradients; z = model(x_k | state); L = mean_t,b CE(z[t][b], y_k[t][b])
 *                       backward within the chunk; clip ||g|| to c; Adam step; state = h at the chunk's end
 * </pre>
 *
 * <p>The data order is fixed (no shuffling: the streams must stay in order for the carried state to
 * mean anything), so a run depends only on the seed of the initial weights. {@link
 * org.rnnkit.train.Trainer} is not used because it updates once per batch of whole sequences and
 * starts every batch from zeros; here the state runs on across updates.
 *
 * <p>Training stops after {@link Config#epochs} or {@link Config#seconds}, whichever comes first.
 * The held-out loss is measured ({@link HeldOutLoss}) {@link Config#evaluations} times at even
 * fractions of that budget and at the end, on a copy of the model, so evaluation never disturbs the
 * training state.
 */
public final class CharTrainer {

  /**
   * The settings of a run.
   *
   * @param seq T, characters per chunk (truncated BPTT length)
   * @param batch B, parallel streams
   * @param epochs most passes over the training text
   * @param seconds most seconds of training (evaluation not counted); 0 for no time limit
   * @param learningRate Adam's learning rate
   * @param clipNorm the global gradient norm is clipped to this
   * @param evaluations held-out measurements during training (the final one comes on top)
   * @param evalStreams S of {@link HeldOutLoss}
   */
  public record Config(
      int seq,
      int batch,
      int epochs,
      double seconds,
      double learningRate,
      double clipNorm,
      int evaluations,
      int evalStreams) {
    public Config {
      if (seq < 1 || batch < 1 || epochs < 1 || evaluations < 0 || evalStreams < 1) {
        throw new IllegalArgumentException(
            "seq, batch, epochs and eval streams must be at least 1 and evaluations 0 or more, got T=%d, B=%d, E=%d, %d, %d"
                .formatted(seq, batch, epochs, evaluations, evalStreams));
      }
      if (!(seconds >= 0) || !(learningRate > 0) || !(clipNorm > 0)) {
        throw new IllegalArgumentException(
            "seconds must be 0 or more and the learning rate and clip norm positive, got %s, %s, %s"
                .formatted(seconds, learningRate, clipNorm));
      }
    }
  }

  /** One held-out measurement. */
  public record Point(int update, long characters, double trainNats, double heldOutNats) {}

  /**
   * The outcome of a run.
   *
   * @param points the held-out measurements, the last one after the final update
   * @param updates optimizer steps made
   * @param epochs passes started (the last one may be partial)
   * @param seconds training time, evaluation not counted
   * @param charactersPerSecond predicted training characters per second of training time
   * @param stoppedBy "epochs" or "time"
   */
  public record Result(
      List<Point> points,
      int updates,
      int epochs,
      double seconds,
      double charactersPerSecond,
      String stoppedBy) {
    /** The held-out loss after the last update, nats per character. */
    public double heldOutNats() {
      return points.get(points.size() - 1).heldOutNats();
    }
  }

  /** What a progress display hears; every method runs on the training thread. */
  public interface Listener {
    /**
     * @param fraction of the budget done, the larger of the epoch and the time fraction
     * @param nats the update's training loss
     */
    default void onUpdate(int update, double fraction, double nats, double charactersPerSecond) {}

    default void onEvaluation(Point point) {}
  }

  private final Config config;
  private final Listener listener;

  public CharTrainer(Config config, Listener listener) {
    this.config = config;
    this.listener = listener == null ? new Listener() {} : listener;
  }

  /**
   * Trains {@code model} on {@code train}, measuring on {@code heldOut}.
   *
   * @param model Modified: its weights; its buffers are reused ({@link SequenceModel#reuseBuffers})
   * @param train Not modified. Symbol indices.
   * @param heldOut Not modified. Symbol indices, at least {@code evalStreams * 2} of them.
   */
  public Result fit(CharModel model, int[] train, int[] heldOut) {
    CharStreams streams = new CharStreams(train, config.batch(), config.seq());
    int perEpoch = streams.fullChunks();
    long maxUpdates = (long) perEpoch * config.epochs();
    ChunkUpdate step = new ChunkUpdate(model, config.learningRate(), config.clipNorm());
    Sequence input = new Sequence(config.seq(), config.batch(), 1);
    Sequence target = new Sequence(config.seq(), config.batch(), 1);

    List<Point> points = new ArrayList<>();
    double sinceEval = 0;
    int sinceEvalCount = 0;
    int nextEval = 1;
    int update = 0;
    int epoch = 0;
    long trainNanos = 0;
    String stoppedBy = "epochs";
    training:
    for (epoch = 1; epoch <= config.epochs(); epoch++) {
      step.resetState();
      for (int k = 0; k < perEpoch; k++) {
        long start = System.nanoTime();
        streams.fill(k, input, target);
        double nats;
        try {
          nats = step.apply(input, target);
        } catch (TrainingDivergedException e) {
          throw new TrainingDivergedException(
              e.getMessage()
                  .replace(
                      "training diverged:", "training diverged at update " + (update + 1) + ":"));
        }
        trainNanos += System.nanoTime() - start;
        update++;
        sinceEval += nats;
        sinceEvalCount++;
        double seconds = trainNanos / 1e9;
        double fraction =
            Math.max(
                (double) update / maxUpdates,
                config.seconds() > 0 ? seconds / config.seconds() : 0);
        listener.onUpdate(update, Math.min(1, fraction), nats, charsPerSecond(update, seconds));
        boolean last = fraction >= 1;
        if (!last
            && config.evaluations() > 0
            && fraction >= (double) nextEval / (config.evaluations() + 1)) {
          points.add(evaluate(model, update, sinceEval / sinceEvalCount, heldOut));
          sinceEval = 0;
          sinceEvalCount = 0;
          while (fraction >= (double) nextEval / (config.evaluations() + 1)) {
            nextEval++;
          }
        }
        if (last) {
          stoppedBy = update >= maxUpdates ? "epochs" : "time";
          break training;
        }
      }
    }
    step.resetState();
    points.add(
        evaluate(
            model, update, sinceEvalCount > 0 ? sinceEval / sinceEvalCount : Double.NaN, heldOut));
    double seconds = trainNanos / 1e9;
    return new Result(
        points,
        update,
        Math.min(epoch, config.epochs()),
        seconds,
        charsPerSecond(update, seconds),
        stoppedBy);
  }

  private double charsPerSecond(int updates, double seconds) {
    return seconds > 0 ? (double) updates * config.seq() * config.batch() / seconds : 0;
  }

  private Point evaluate(CharModel model, int update, double trainNats, int[] heldOut) {
    CharModel copy = model.copy();
    Point p =
        new Point(
            update,
            (long) update * config.seq() * config.batch(),
            trainNats,
            HeldOutLoss.nats(copy, heldOut, config.evalStreams(), config.seq()));
    listener.onEvaluation(p);
    return p;
  }
}
