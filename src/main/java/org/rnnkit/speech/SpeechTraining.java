package org.rnnkit.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.rnnkit.audio.Mfcc;
import org.rnnkit.data.Example;
import org.rnnkit.loss.SoftmaxCrossEntropy;
import org.rnnkit.optim.Adam;
import org.rnnkit.train.History;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingConfig;
import org.rnnkit.train.TrainingListener;

/**
 * Trains a {@link WordClassifier}: softmax cross-entropy over the words, Adam, shuffled
 * mini-batches of padded utterances (masked, so padding changes nothing), gradient clipping, and
 * early stopping on the loss of validation recordings (the caller holds out whole speakers for
 * them, see {@link Split#holdOutSpeakers}). Each epoch draws fresh {@link Augmentation}s of the
 * training recordings and recomputes their features; validation recordings are never augmented.
 *
 * <p>Reproducible: the weights, the shuffle of epoch e and the augmentation of recording i in epoch
 * e each come from their own stream seeded by {@link SpeechConfig#seed()}, so the same seed and
 * data give the same classifier bit for bit.
 */
public final class SpeechTraining {
  private SpeechTraining() {}

  /**
   * A finished run.
   *
   * @param featureSeconds time spent computing features (with augmentation), training and
   *     validation, out of {@code seconds}
   * @param utterancesTrained training utterances passed forward and backward, over all epochs
   */
  public record Result(
      WordClassifier classifier,
      History history,
      double seconds,
      double featureSeconds,
      long utterancesTrained) {}

  /**
   * @param train Not modified. At least one recording per word is advised.
   * @param validation Not modified. Non-empty when {@code config.patience() > 0}.
   * @param labels the words in output order; every recording's label must be among them
   * @param listeners see each epoch and batch (progress bars)
   */
  public static Result train(
      List<Recording> train,
      List<Recording> validation,
      List<String> labels,
      SpeechConfig config,
      List<TrainingListener> listeners) {
    long start = System.nanoTime();
    WordClassifier classifier =
        WordClassifier.untrained(
            config.mfcc(), labels, config.architecture(), new Random(config.seed()));
    Mfcc mfcc = classifier.mfcc();
    int rate = config.mfcc().sampleRate();
    long[] featureNanos = {0};

    List<double[]> waveforms = new ArrayList<>();
    train.forEach(r -> waveforms.add(r.audio().resampledTo(rate).samples()));
    int[] trainClasses = classes(train, labels);
    List<Example> validationSet =
        WordClassifier.examples(
            timed(
                featureNanos,
                () -> validation.stream().map(r -> classifier.features(r.audio())).toList()),
            classes(validation, labels));

    Augmentation augmentation = config.augmentation();
    List<Example> plain =
        augmentation.isNone()
            ? WordClassifier.examples(
                timed(
                    featureNanos,
                    () -> waveforms.stream().map(mfcc::logMel).map(mfcc::cepstra).toList()),
                trainClasses)
            : null;
    long[] trained = {0};

    TrainingConfig trainingConfig =
        TrainingConfig.builder()
            .epochs(config.epochs())
            .batchSize(config.batchSize())
            .seed(config.seed())
            .clipNorm(config.clipNorm())
            .patience(validation.isEmpty() ? 0 : config.patience())
            .build();
    Trainer trainer =
        new Trainer(
            classifier.model(),
            new SoftmaxCrossEntropy(),
            new Adam(Adam.Config.defaults().withLearningRate(config.learningRate())),
            trainingConfig);
    listeners.forEach(trainer::addListener);
    History history =
        trainer.fit(
            epoch -> {
              trained[0] += waveforms.size();
              if (plain != null) {
                return plain;
              }
              return WordClassifier.examples(
                  timed(
                      featureNanos,
                      () -> augmented(waveforms, mfcc, augmentation, config.seed(), epoch)),
                  trainClasses);
            },
            validationSet,
            new History());
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(classifier, history, seconds, featureNanos[0] / 1e9, trained[0]);
  }

  /**
   * Epoch {@code epoch}'s features of every waveform, each with its own augmentation stream (so the
   * result does not depend on the order of work), computed on the common pool's threads.
   */
  static List<double[][]> augmented(
      List<double[]> waveforms, Mfcc mfcc, Augmentation augmentation, long seed, int epoch) {
    return IntStream.range(0, waveforms.size())
        .parallel()
        .mapToObj(
            i -> {
              Random rng = new Random((seed * 1_000_003L + epoch) * 1_000_033L + i);
              double[][] logMel = mfcc.logMel(augmentation.waveform(waveforms.get(i), rng));
              augmentation.maskEquals(logMel, rng);
              return mfcc.cepstra(logMel);
            })
        .toList();
  }

  /** The index in {@code labels} of every recording's word. */
  static int[] classes(List<Recording> recordings, List<String> labels) {
    int[] out = new int[recordings.size()];
    for (int i = 0; i < out.length; i++) {
      String label = recordings.get(i).utterance().label();
      out[i] = labels.indexOf(label);
      if (out[i] < 0) {
        throw new IllegalArgumentException(
            "%s is labelled '%s', which is not among the words %s"
                .formatted(recordings.get(i).utterance().file(), label, labels));
      }
    }
    return out;
  }

  private static <T> T timed(long[] nanos, java.util.function.Supplier<T> work) {
    long t0 = System.nanoTime();
    T result = work.get();
    nanos[0] += System.nanoTime() - t0;
    return result;
  }
}
