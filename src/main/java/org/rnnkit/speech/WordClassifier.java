package org.rnnkit.speech;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.rnnkit.audio.Audio;
import org.rnnkit.audio.Mfcc;
import org.rnnkit.audio.MfccConfig;
import org.rnnkit.data.Batch;
import org.rnnkit.data.Example;
import org.rnnkit.io.ModelFile;
import org.rnnkit.io.ModelFileException;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;

/**
 * A trained spoken-word recogniser: MFCC features ({@link Mfcc}) into a recurrent network ({@link
 * Architecture}) whose softmax over the words gives each one's probability. Saved as a {@link
 * ModelFile} whose architecture holds the network, the feature settings and the word list, so a
 * loaded classifier computes exactly the features it was trained on.
 */
public final class WordClassifier {
  /** Utterances per forward pass at prediction. */
  static final int BATCH = 64;

  private final Mfcc mfcc;
  private final List<String> labels;
  private final Architecture architecture;
  private final SequenceModel model;

  /**
   * @param labels the words, in the order of the network's outputs
   * @param model Not copied; its input width must be {@code mfcc.config().features()} and output
   *     width {@code labels.size()}
   */
  public WordClassifier(
      MfccConfig mfcc, List<String> labels, Architecture architecture, SequenceModel model) {
    if (labels.size() < 2) {
      throw new IllegalArgumentException(
          "a classifier needs at least two words, got " + labels.size());
    }
    this.mfcc = new Mfcc(mfcc);
    this.labels = List.copyOf(labels);
    this.architecture = architecture;
    this.model = model;
  }

  /** A classifier with freshly initialised weights. */
  public static WordClassifier untrained(
      MfccConfig mfcc, List<String> labels, Architecture architecture, Random rng) {
    return new WordClassifier(
        mfcc, labels, architecture, architecture.network(mfcc.features(), labels.size(), rng));
  }

  /** One prediction: the most probable word and its probability. */
  public record Prediction(String label, double probability, double[] probabilities) {}

  public List<String> labels() {
    return labels;
  }

  public Mfcc mfcc() {
    return mfcc;
  }

  public Architecture architecture() {
    return architecture;
  }

  public SequenceModel model() {
    return model;
  }

  /** The features the network reads: T x F. */
  public double[][] features(Audio audio) {
    return mfcc.features(audio);
  }

  /**
   * Training examples: each utterance's features with its word's index as a many-to-one target.
   *
   * @param features Not modified. One {@code T x F} array per utterance.
   */
  public static List<Example> examples(List<double[][]> features, int[] classes) {
    List<Example> out = new ArrayList<>(features.size());
    for (int i = 0; i < features.size(); i++) {
      out.add(Example.of(features.get(i), new double[][] {{classes[i]}}));
    }
    return out;
  }

  /**
   * Softmax probabilities of every word for each utterance, in batches of {@link #BATCH} padded to
   * their longest utterance (the padding is masked: an utterance gets the same result alone).
   *
   * @return {@code [utterance][word]}
   */
  public double[][] probabilities(List<double[][]> features) {
    double[][] out = new double[features.size()][];
    int[] none = new int[features.size()];
    List<Example> all = examples(features, none);
    for (int from = 0; from < all.size(); from += BATCH) {
      int to = Math.min(all.size(), from + BATCH);
      Sequence logits = logits(Batch.of(all.subList(from, to)).input());
      for (int b = 0; b < to - from; b++) {
        out[from + b] = softmax(logits, b);
      }
    }
    return out;
  }

  /** The network's output for a padded batch: {@code 1 x B x C}. */
  public Sequence logits(Sequence input) {
    model.resetState();
    return model.forward(input, false);
  }

  /** The most probable word of each recording. */
  public List<Prediction> predict(List<Audio> recordings) {
    List<double[][]> features = recordings.stream().map(this::features).toList();
    List<Prediction> out = new ArrayList<>();
    for (double[] p : probabilities(features)) {
      int best = argmax(p);
      out.add(new Prediction(labels.get(best), p[best], p));
    }
    return out;
  }

  /** The index of the largest probability (the first on a tie). */
  public static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }

  private static double[] softmax(Sequence logits, int b) {
    int classes = logits.features();
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < classes; k++) {
      max = Math.max(max, logits.get(0, b, k));
    }
    double[] p = new double[classes];
    double sum = 0;
    for (int k = 0; k < classes; k++) {
      p[k] = Math.exp(logits.get(0, b, k) - max);
      sum += p[k];
    }
    for (int k = 0; k < classes; k++) {
      p[k] /= sum;
    }
    return p;
  }

  /** Saves atomically, with {@code metadata} (e.g. training settings and scores) alongside. */
  public void save(Path file, JsonObject metadata) throws IOException {
    JsonObject arch = new JsonObject();
    arch.addProperty("kind", KIND);
    arch.add("network", architecture.toJson());
    arch.add("mfcc", mfccJson(mfcc.config()));
    JsonArray words = new JsonArray();
    labels.forEach(words::add);
    arch.add("labels", words);
    ModelFile.save(file, model, arch, metadata, java.util.Map.of());
  }

  /** The architecture kind saved in the model file. */
  static final String KIND = "word_classifier";

  /** Loads and validates a classifier saved by {@link #save}. */
  public static WordClassifier load(Path file) throws IOException {
    ModelFile.Contents contents = ModelFile.read(file);
    JsonObject arch = contents.architecture();
    if (!arch.has("kind") || !KIND.equals(arch.get("kind").getAsString())) {
      throw new ModelFileException(
          "%s is not a spoken-word model (its architecture kind is %s, expected %s); train one with `rnnkit speech train`"
              .formatted(file, arch.get("kind"), KIND));
    }
    WordClassifier classifier;
    try {
      List<String> labels = new ArrayList<>();
      arch.getAsJsonArray("labels").forEach(e -> labels.add(e.getAsString()));
      classifier =
          untrained(
              mfccFromJson(arch.getAsJsonObject("mfcc")),
              labels,
              Architecture.fromJson(arch.getAsJsonObject("network")),
              new Random(0));
    } catch (RuntimeException e) {
      throw new ModelFileException(
          file + " has a malformed spoken-word model description: " + e.getMessage(), e);
    }
    ModelFile.copyParameters(file, contents, classifier.model);
    return classifier;
  }

  private static JsonObject mfccJson(MfccConfig c) {
    JsonObject o = new JsonObject();
    o.addProperty("sample_rate", c.sampleRate());
    o.addProperty("window_seconds", c.windowSeconds());
    o.addProperty("hop_seconds", c.hopSeconds());
    o.addProperty("pre_emphasis", c.preEmphasis());
    o.addProperty("mel_bands", c.melBands());
    o.addProperty("low_hz", c.lowHz());
    o.addProperty("high_hz", c.highHz());
    o.addProperty("coefficients", c.coefficients());
    o.addProperty("delta_order", c.deltaOrder());
    o.addProperty("cmvn", c.cmvn());
    return o;
  }

  private static MfccConfig mfccFromJson(JsonObject o) {
    return new MfccConfig(
        o.get("sample_rate").getAsInt(),
        o.get("window_seconds").getAsDouble(),
        o.get("hop_seconds").getAsDouble(),
        o.get("pre_emphasis").getAsDouble(),
        o.get("mel_bands").getAsInt(),
        o.get("low_hz").getAsDouble(),
        o.get("high_hz").getAsDouble(),
        o.get("coefficients").getAsInt(),
        o.get("delta_order").getAsInt(),
        o.get("cmvn").getAsBoolean());
  }
}
