package org.rnnkit.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.audio.AudioFileException;
import org.rnnkit.audio.MfccConfig;
import org.rnnkit.chart.ChartStyle;
import org.rnnkit.chart.ConfusionChart;
import org.rnnkit.chart.FeaturePanels;
import org.rnnkit.chart.LossChart;
import org.rnnkit.io.Json;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.speech.Architecture;
import org.rnnkit.speech.Augmentation;
import org.rnnkit.speech.ConfusionMatrix;
import org.rnnkit.speech.Pooling;
import org.rnnkit.speech.Recording;
import org.rnnkit.speech.Recordings;
import org.rnnkit.speech.SpeechConfig;
import org.rnnkit.speech.SpeechTraining;
import org.rnnkit.speech.Split;
import org.rnnkit.speech.WordClassifier;
import org.rnnkit.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit speech train}: reads a folder of {@code {label}_{speaker}_{index}.wav} recordings
 * (or the shipped spoken digits), splits off a test set, trains a {@link WordClassifier} with early
 * stopping on held-out speakers, and writes the model, metrics and charts.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a spoken-word classifier (MFCC features, recurrent network, softmax) and test it.",
      "Without --data it uses the shipped spoken digits (10 synthetic speakers, 600 recordings)."
    })
final class SpeechTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "folder of {label}_{speaker}_{index}.wav recordings, e.g. the Free Spoken Digit Dataset's"
              + " recordings/ (default: the shipped spoken digits)")
  Path data;

  @Option(
      names = "--split",
      paramLabel = "SPLIT",
      description =
          "test set: index (takes 0-4 of every speaker) or speaker:NAME (every take of NAME)"
              + " (default: speaker: the first speaker in alphabetical order)")
  String split;

  @Option(
      names = "--cell",
      paramLabel = "CELL",
      description = "gru or lstm (default: ${DEFAULT-VALUE})",
      defaultValue = "gru")
  String cell;

  @Mixin HiddenOption hidden = new HiddenOption(64);

  @Option(
      names = "--layers",
      paramLabel = "L",
      description = "stacked recurrent layers (default: ${DEFAULT-VALUE})",
      defaultValue = "1")
  int layers;

  @Option(
      names = "--bidirectional",
      negatable = true,
      description = "read each utterance in both directions (default: ${DEFAULT-VALUE})",
      defaultValue = "true",
      fallbackValue = "true")
  boolean bidirectional;

  @Option(
      names = "--pooling",
      paramLabel = "P",
      description = "mean (over real frames) or last (real frame) (default: ${DEFAULT-VALUE})",
      defaultValue = "mean")
  String pooling;

  @Option(
      names = "--deltas",
      paramLabel = "K",
      description = "0: 13 MFCCs; 1: with deltas; 2: with delta-deltas (default: ${DEFAULT-VALUE})",
      defaultValue = "2")
  int deltas;

  @Option(
      names = "--augment",
      negatable = true,
      description =
          "speed 0.9-1.1, noise at 5-30 dB SNR, time and band masks, fresh each epoch"
              + " (default: ${DEFAULT-VALUE})",
      defaultValue = "true",
      fallbackValue = "true")
  boolean augment;

  @Option(
      names = "--epochs",
      paramLabel = "E",
      description = "most epochs; early stopping usually ends sooner (default: ${DEFAULT-VALUE})",
      defaultValue = "40")
  int epochs;

  @Option(
      names = "--patience",
      paramLabel = "P",
      description =
          "stop after P epochs without a better validation loss (default: ${DEFAULT-VALUE})",
      defaultValue = "8")
  int patience;

  @Mixin LearningRateOption learningRate = new LearningRateOption(0.003);

  @Mixin RecurrentDropoutOption recurrentDropout = new RecurrentDropoutOption();

  @Mixin SeedOption seed = new SeedOption(1);

  @Mixin OutOption out = new OutOption("rnnkit-speech");

  @Option(
      names = "--skip-bad",
      description = "leave out unreadable recordings, listing them, instead of stopping")
  boolean skipBad;

  @Option(names = "--quiet", description = "no progress bar and no summary; only errors")
  boolean quiet;

  /** Runs a reading step, turning an unreadable recording into a one-line user error. */
  static <T> T asUserError(IoSupplier<T> body) throws IOException {
    try {
      return body.get();
    } catch (AudioFileException | IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** A step that may fail to read a file. */
  interface IoSupplier<T> {
    T get() throws IOException;
  }

  /**
   * Refuses sizes whose training would not fit the JVM ({@link MemoryCheck}), for utterances of up
   * to {@value #ESTIMATED_FRAMES} frames (two seconds).
   */
  private static void checkMemory(SpeechConfig config) {
    var a = config.architecture();
    var network =
        new MemoryCheck.Network(
            a.cell().create().gateCount(),
            config.mfcc().features(),
            a.hidden(),
            a.layers(),
            a.bidirectional() ? 2 : 1,
            // the word classes: at most a few hundred
            1000);
    MemoryCheck.require(
        "--hidden %d --layers %d%s"
            .formatted(a.hidden(), a.layers(), a.bidirectional() ? " --bidirectional" : ""),
        network.trainingBytes(ESTIMATED_FRAMES, config.batchSize()),
        network.largestMatrix(ESTIMATED_FRAMES, config.batchSize()));
  }

  /** Frames of the longest utterance the memory estimate allows for. */
  private static final int ESTIMATED_FRAMES = 200;

  @Override
  public Integer call() throws IOException {
    SpeechConfig config = config();
    checkMemory(config);
    out.create();
    PrintWriter err = spec.commandLine().getErr();
    List<Recording> all = asUserError(this::readRecordings);
    Split chosen =
        asUserError(
            () -> split != null ? Split.parse(split) : new Split(Split.speakers(all).get(0)));
    Split.Parts parts = asUserError(() -> chosen.apply(all));
    List<String> labels = Recordings.labels(all);
    Split.Parts trainParts = Split.holdOutSpeakers(parts.train(), 1, seed.value());
    List<String> validationSpeakers = Split.speakers(trainParts.test());
    if (!quiet) {
      err.printf(
          "%s: %d recordings, %d words, %d speakers; test: %s (%d), validation: speaker%s %s (%d), training: %d%n",
          data == null ? Recordings.SHIPPED_NAME : data,
          all.size(),
          labels.size(),
          Split.speakers(all).size(),
          chosen,
          parts.test().size(),
          validationSpeakers.size() == 1 ? "" : "s",
          validationSpeakers.isEmpty()
              ? "none (one training speaker)"
              : String.join(",", validationSpeakers),
          trainParts.test().size(),
          trainParts.train().size());
      err.flush();
    }

    SpeechTraining.Result result;
    List<TrainingListener> listeners = new ArrayList<>();
    Progress progress = quiet ? null : Progress.perEpoch(err, "training", 1, epochs);
    try {
      if (progress != null) {
        listeners.add(progress);
      }
      result =
          SpeechTraining.train(trainParts.train(), trainParts.test(), labels, config, listeners);
    } finally {
      if (progress != null) {
        progress.close();
      }
    }
    WordClassifier classifier = result.classifier();
    Evaluated test = evaluate(classifier, parts.test(), labels);
    JsonObject metrics =
        metrics(config, chosen, parts, trainParts, validationSpeakers, result, test);
    classifier.save(out.value().resolve("model.npz"), metrics);
    Json.write(out.value().resolve("metrics.json"), metrics);
    writeCharts(classifier, parts.test(), test, result);
    if (!quiet) {
      report(test, result, parts.test().size());
    }
    return 0;
  }

  private List<Recording> readRecordings() throws IOException {
    if (data == null) {
      return Recordings.shipped();
    }
    Recordings.Loaded loaded = Recordings.read(data, skipBad);
    if (!loaded.skipped().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          "skipped %d unreadable recording%s:%n",
          loaded.skipped().size(), loaded.skipped().size() == 1 ? "" : "s");
      loaded.skipped().forEach(s -> err.println("  " + s));
      err.flush();
    }
    return loaded.recordings();
  }

  private SpeechConfig config() {
    CellType cellType =
        switch (cell.toLowerCase(Locale.ROOT)) {
          case "gru" -> CellType.GRU;
          case "lstm" -> CellType.LSTM;
          default -> throw new UserError("--cell must be gru or lstm, got '" + cell + "'");
        };
    if (layers < 1 || epochs < 1 || patience < 0) {
      throw new UserError("--layers and --epochs must be at least 1 and --patience 0 or more");
    }
    if (deltas < 0 || deltas > 2) {
      throw new UserError("--deltas must be 0, 1 or 2, got " + deltas);
    }
    Pooling pool;
    try {
      pool = Pooling.parse(pooling);
    } catch (IllegalArgumentException e) {
      throw new UserError("--" + e.getMessage());
    }
    return SpeechConfig.builder()
        .architecture(
            new Architecture(
                cellType, hidden.value(), layers, bidirectional, pool, recurrentDropout.value()))
        .mfcc(MfccConfig.builder().deltaOrder(deltas).build())
        .augmentation(augment ? Augmentation.defaults() : Augmentation.none())
        .epochs(epochs)
        .patience(patience)
        .learningRate(learningRate.value())
        .seed(seed.value())
        .build();
  }

  /** Test-set predictions with their timing: features and network apart. */
  record Evaluated(
      ConfusionMatrix confusion,
      List<double[][]> features,
      double featureSeconds,
      double networkSeconds) {}

  static Evaluated evaluate(WordClassifier classifier, List<Recording> test, List<String> labels) {
    long t0 = System.nanoTime();
    List<double[][]> features = test.stream().map(r -> classifier.features(r.audio())).toList();
    long t1 = System.nanoTime();
    double[][] p = classifier.probabilities(features);
    long t2 = System.nanoTime();
    ConfusionMatrix confusion = new ConfusionMatrix(labels);
    for (int i = 0; i < test.size(); i++) {
      confusion.add(labels.indexOf(test.get(i).utterance().label()), WordClassifier.argmax(p[i]));
    }
    return new Evaluated(confusion, features, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
  }

  private JsonObject metrics(
      SpeechConfig config,
      Split chosen,
      Split.Parts parts,
      Split.Parts trainParts,
      List<String> validationSpeakers,
      SpeechTraining.Result result,
      Evaluated test) {
    JsonObject root = new JsonObject();
    ConfusionMatrix cm = test.confusion();
    root.addProperty("accuracy", cm.accuracy());
    JsonObject perClass = new JsonObject();
    cm.perClass().forEach((k, v) -> perClass.addProperty(k, Double.isNaN(v) ? null : v));
    root.add("per_class", perClass);
    JsonArray confusion = new JsonArray();
    for (int[] row : cm.counts()) {
      JsonArray r = new JsonArray();
      for (int c : row) {
        r.add(c);
      }
      confusion.add(r);
    }
    root.add("confusion", confusion);
    JsonArray labels = new JsonArray();
    cm.labels().forEach(labels::add);
    root.add("labels", labels);
    root.addProperty("data", data == null ? Recordings.SHIPPED_NAME : data.toString());
    root.addProperty("split", chosen.toString());
    root.addProperty("train", trainParts.train().size());
    root.addProperty("validation", trainParts.test().size());
    JsonArray vs = new JsonArray();
    validationSpeakers.forEach(vs::add);
    root.add("validation_speakers", vs);
    root.addProperty("test", parts.test().size());
    root.addProperty("seconds", result.seconds());
    var h = result.history();
    root.addProperty("epochs", h.epochs().size());
    if (h.stopReason() != null) {
      root.addProperty("stopped", h.stopReason());
    }
    JsonObject speed = new JsonObject();
    speed.addProperty("train_utterances_per_second", result.utterancesTrained() / result.seconds());
    speed.addProperty("train_feature_seconds", result.featureSeconds());
    speed.addProperty("train_network_seconds", result.seconds() - result.featureSeconds());
    double predictSeconds = test.featureSeconds() + test.networkSeconds();
    speed.addProperty("predict_utterances_per_second", parts.test().size() / predictSeconds);
    speed.addProperty("predict_feature_seconds", test.featureSeconds());
    speed.addProperty("predict_network_seconds", test.networkSeconds());
    root.add("speed", speed);
    JsonObject settings = new JsonObject();
    var a = config.architecture();
    settings.addProperty("cell", a.cell().id());
    settings.addProperty("hidden", a.hidden());
    settings.addProperty("layers", a.layers());
    settings.addProperty("bidirectional", a.bidirectional());
    settings.addProperty("pooling", a.pooling().id());
    settings.addProperty("features", config.mfcc().features());
    settings.addProperty("delta_order", config.mfcc().deltaOrder());
    settings.addProperty("augmentation", !config.augmentation().isNone());
    settings.addProperty("max_epochs", config.epochs());
    settings.addProperty("patience", config.patience());
    settings.addProperty("learning_rate", config.learningRate());
    settings.addProperty("seed", config.seed());
    root.add("settings", settings);
    return root;
  }

  private void writeCharts(
      WordClassifier classifier,
      List<Recording> test,
      Evaluated evaluated,
      SpeechTraining.Result result) {
    ConfusionMatrix cm = evaluated.confusion();
    ChartStyle.writePng(
        ConfusionChart.create(
            String.format(
                Locale.ROOT,
                "test set (%d recordings): accuracy %.1f%%",
                cm.total(),
                100 * cm.accuracy()),
            cm.labels(),
            cm.counts()),
        out.value().resolve("confusion.png"));
    ChartStyle.writePng(
        LossChart.create(
            List.of(result.history()),
            "training and validation (held-out speakers) loss per epoch",
            "cross-entropy (nats)"),
        out.value().resolve("loss.png"));
    List<String> names = new ArrayList<>();
    List<double[][]> shown = new ArrayList<>();
    for (String label : classifier.labels()) {
      for (int i = 0; i < test.size(); i++) {
        if (test.get(i).utterance().label().equals(label)) {
          names.add(label);
          shown.add(evaluated.features().get(i));
          break;
        }
      }
    }
    if (!shown.isEmpty()) {
      MfccConfig m = classifier.mfcc().config();
      ChartStyle.writePng(
          FeaturePanels.create(
              "one test recording per word: %d MFCCs%s"
                  .formatted(
                      m.coefficients(),
                      m.deltaOrder() == 0
                          ? ""
                          : m.deltaOrder() == 1 ? " + deltas" : " + deltas + delta-deltas"),
              names,
              shown,
              "feature (c0..c%d, then deltas)".formatted(m.coefficients() - 1),
              "value (per-utterance z-score)"),
          out.value().resolve("features.png"));
    }
  }

  private void report(Evaluated test, SpeechTraining.Result result, int tested) {
    PrintWriter w = spec.commandLine().getOut();
    ConfusionMatrix cm = test.confusion();
    var h = result.history();
    w.printf(
        Locale.ROOT,
        "%ntrained %d epochs in %.1f s (%.0f utterances/s; features %.0f%% of the time)%n",
        h.epochs().size(),
        result.seconds(),
        result.utterancesTrained() / result.seconds(),
        100 * result.featureSeconds() / result.seconds());
    if (h.stopReason() != null) {
      w.println(h.stopReason());
    }
    double predictSeconds = test.featureSeconds() + test.networkSeconds();
    w.printf(
        Locale.ROOT,
        "test accuracy %.1f%% (%d of %d); prediction %.0f utterances/s (features %.0f%% of the time)%n",
        100 * cm.accuracy(),
        Math.round(cm.accuracy() * cm.total()),
        tested,
        tested / predictSeconds,
        100 * test.featureSeconds() / predictSeconds);
    StringBuilder per = new StringBuilder("per word:");
    cm.perClass()
        .forEach((k, v) -> per.append(String.format(Locale.ROOT, " %s %.0f%%", k, 100 * v)));
    w.println(per);
    w.printf(
        "wrote %s%n",
        String.join(
            ", ",
            List.of("model.npz", "metrics.json", "confusion.png", "loss.png", "features.png")
                .stream()
                .map(f -> out.value().resolve(f).toString())
                .toList()));
    w.flush();
  }
}
