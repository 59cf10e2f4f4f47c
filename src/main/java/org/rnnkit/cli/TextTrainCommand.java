package org.rnnkit.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.rnnkit.chart.LineChart;
import org.rnnkit.chart.Series;
import org.rnnkit.io.AtomicFile;
import org.rnnkit.io.Json;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.linalg.MatMul;
import org.rnnkit.text.CharModel;
import org.rnnkit.text.CharTrainer;
import org.rnnkit.text.Corpus;
import org.rnnkit.text.HeldOutLoss;
import org.rnnkit.text.Sampler;
import org.rnnkit.text.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit text train}: trains a character language model (char-rnn) on a corpus, holding out
 * its last 10%, and writes the model, the learning curve, samples and metrics.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Train a character language model: B parallel streams of the corpus, truncated BPTT over"
          + " chunks of --seq characters with the state carried across chunks, softmax"
          + " cross-entropy at every step, gradients clipped by global norm, Adam. The last 10%% of"
          + " the corpus is held out and measured in bits per character.",
      "Writes model.npz, loss.png, samples.txt and metrics.json to --out."
    })
final class TextTrainCommand implements Callable<Integer> {
  /** The share of the corpus held out at its end. */
  static final double HELD_OUT = 0.1;

  /** Held-out streams: see {@link HeldOutLoss}. */
  static final int EVAL_STREAMS = 16;

  /** The temperatures of samples.txt. */
  static final double[] SAMPLE_TEMPERATURES = {0.5, 0.8, 1.0};

  @Spec CommandSpec spec;

  @Option(
      names = "--corpus",
      paramLabel = "FILE",
      description = "a UTF-8 text file (default: Pride and Prejudice, embedded in the jar)")
  Path corpus;

  @Option(
      names = "--cell",
      paramLabel = "CELL",
      defaultValue = "gru",
      description =
          "gru, lstm or rnn; in a 10-minute budget a GRU learnt the default corpus fastest, see"
              + " README (default: ${DEFAULT-VALUE})")
  String cell;

  @Mixin CellVariantOptions variants;

  @Mixin HiddenOption hidden = new HiddenOption(128);

  @Option(
      names = "--layers",
      paramLabel = "L",
      defaultValue = "2",
      description = "stacked recurrent layers (default: ${DEFAULT-VALUE})")
  int layers;

  @Option(
      names = "--embedding",
      paramLabel = "D",
      defaultValue = "64",
      description = "length of each character's vector (default: ${DEFAULT-VALUE})")
  int embedding;

  @Option(
      names = "--seq",
      paramLabel = "T",
      defaultValue = "64",
      description = "characters per chunk: BPTT length (default: ${DEFAULT-VALUE})")
  int seq;

  @Option(
      names = "--batch",
      paramLabel = "B",
      defaultValue = "32",
      description = "parallel streams per update (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--epochs",
      paramLabel = "E",
      defaultValue = "50",
      description = "most passes over the training part (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(
      names = "--minutes",
      paramLabel = "M",
      defaultValue = "10",
      description =
          "most minutes of training, evaluation not counted; stops at --epochs or --minutes, whichever comes first; 0 for no limit (default: ${DEFAULT-VALUE})")
  double minutes;

  @Mixin LearningRateOption learningRate = new LearningRateOption(0.002);

  @Mixin RecurrentDropoutOption recurrentDropout = new RecurrentDropoutOption();

  @Option(
      names = "--clip",
      paramLabel = "C",
      defaultValue = "5",
      description = "clip the global gradient norm to C (default: ${DEFAULT-VALUE})")
  double clip;

  @Option(
      names = "--unknown",
      paramLabel = "POLICY",
      defaultValue = "reject",
      description =
          "characters outside the vocabulary when sampling: reject (an error naming them) or replace (by U+FFFD, an extra symbol) (default: ${DEFAULT-VALUE})")
  String unknown;

  @Option(
      names = "--evaluations",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "held-out measurements during training, plus one at the end (default: ${DEFAULT-VALUE})")
  int evaluations;

  @Mixin SeedOption seed = new SeedOption(0);

  @Mixin ThreadsOption threads = new ThreadsOption(2);

  @Mixin OutOption out = new OutOption("rnnkit-text");

  @Option(names = "--quiet", description = "no progress bar and no report; only errors")
  boolean quiet;

  /**
   * Refuses sizes whose training would not fit the JVM ({@link MemoryCheck}): the recurrent stack
   * over {@code --batch} streams of {@code --seq} characters, the embedding and the softmax head.
   */
  private void checkMemory(CharModel.Architecture architecture, int symbols) {
    var network =
        new MemoryCheck.Network(
            architecture.cell().create().gateCount(),
            embedding,
            architecture.hidden(),
            layers,
            1,
            symbols);
    // embedding table with its Adam state, logits and their gradient per step
    double extra = 8.0 * (4.0 * symbols * embedding + 2.0 * seq * batch * (symbols + embedding));
    MemoryCheck.require(
        "--hidden %d --layers %d --embedding %d --seq %d --batch %d"
            .formatted(architecture.hidden(), layers, embedding, seq, batch),
        network.trainingBytes(seq, batch) + extra,
        Math.max(network.largestMatrix(seq, batch), (double) seq * batch * symbols));
  }

  @Override
  public Integer call() throws IOException {
    CellType cellType = cellType();
    Vocabulary.Unknown policy = Options.asUsageError(spec, () -> Vocabulary.Unknown.parse(unknown));
    CharTrainer.Config config =
        Options.asUsageError(
            spec,
            () ->
                new CharTrainer.Config(
                    seq,
                    batch,
                    epochs,
                    minutes * 60,
                    learningRate.value(),
                    clip,
                    evaluations,
                    EVAL_STREAMS));
    CharModel.Architecture architecture =
        Options.asUsageError(
            spec,
            () ->
                new CharModel.Architecture(
                    cellType,
                    embedding,
                    hidden.value(),
                    layers,
                    recurrentDropout.value(),
                    variants.options(cellType)));
    MatMul.setThreads(threads.value());
    Data data = readCorpus(policy);
    checkMemory(architecture, data.vocabulary().size());
    Path folder = out.create();
    CharModel model = new CharModel(data.vocabulary(), architecture, new Random(seed.value()));
    if (!quiet) {
      printSetup(data, model);
    }
    CharTrainer.Result result;
    if (quiet) {
      result = new CharTrainer(config, null).fit(model, data.train(), data.heldOut());
    } else {
      try (Progress bar = Progress.perMille(spec.commandLine().getErr(), "training")) {
        result = new CharTrainer(config, listener(bar)).fit(model, data.train(), data.heldOut());
      }
    }
    String samples = writeOutputs(folder, data, model, result, config);
    if (!quiet) {
      printResult(folder, data, result, samples);
    }
    return 0;
  }

  /**
   * The corpus, its vocabulary and its split.
   *
   * @param uniformNats ln V
   * @param unigramNats the entropy of the corpus's character frequencies
   */
  private record Data(
      Corpus corpus,
      Vocabulary vocabulary,
      int[] train,
      int[] heldOut,
      double uniformNats,
      double unigramNats) {}

  /** The corpus named by --corpus; a missing, empty, binary or non-UTF-8 file is a user error. */
  private Corpus readUserCorpus() throws IOException {
    try {
      return Corpus.read(corpus);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private Data readCorpus(Vocabulary.Unknown policy) throws IOException {
    Corpus text = corpus == null ? Corpus.bundled() : readUserCorpus();
    Vocabulary vocabulary = Vocabulary.of(text.text(), policy);
    int[] codes = vocabulary.encode(text.text());
    int split = codes.length - (int) Math.round(HELD_OUT * codes.length);
    long needed = (long) batch * (seq + 1);
    if (split < needed || codes.length - split < 2) {
      throw new UserError(
          "%s has %d characters; with 10%% held out, --batch %d streams of chunks of --seq %d need at least %d. Use a longer corpus or a smaller --seq or --batch"
              .formatted(
                  text.name(),
                  codes.length,
                  batch,
                  seq,
                  (long) Math.ceil(Math.max(needed, 18) / (1 - HELD_OUT))));
    }
    return new Data(
        text,
        vocabulary,
        Arrays.copyOfRange(codes, 0, split),
        Arrays.copyOfRange(codes, split, codes.length),
        Math.log(vocabulary.size()),
        HeldOutLoss.unigramNats(codes, vocabulary.size()));
  }

  private void printSetup(Data data, CharModel model) {
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        Locale.ROOT,
        "%s: %d characters, V=%d; training on %d, holding out the last %d%n"
            + "%s, D=%d, H=%d, L=%d: %d parameters; T=%d, B=%d, Adam %s, clip %s, seed %d%n"
            + "baselines: uniform ln(V) = %.3f nats = %.3f bits/char; unigram entropy %.3f nats = %.3f bits/char%n",
        data.corpus().name(),
        data.train().length + data.heldOut().length,
        data.vocabulary().size(),
        data.train().length,
        data.heldOut().length,
        model.architecture().cell().id(),
        embedding,
        hidden.value(),
        layers,
        model.parameterCount(),
        seq,
        batch,
        learningRate.value(),
        clip,
        seed.value(),
        data.uniformNats(),
        HeldOutLoss.bits(data.uniformNats()),
        data.unigramNats(),
        HeldOutLoss.bits(data.unigramNats()));
    stdout.flush();
  }

  /** Writes model.npz, loss.png, samples.txt and metrics.json; returns the samples. */
  private String writeOutputs(
      Path folder, Data data, CharModel model, CharTrainer.Result result, CharTrainer.Config config)
      throws IOException {
    Vocabulary vocabulary = data.vocabulary();
    String prime = vocabulary.contains('\n') ? "\n" : vocabulary.decode(data.heldOut()[0]);
    JsonObject metadata = new JsonObject();
    metadata.addProperty("corpus", data.corpus().name());
    metadata.addProperty("default_prime", prime);
    metadata.addProperty("bpc", HeldOutLoss.bits(result.heldOutNats()));
    model.save(folder.resolve("model.npz"), metadata);
    writeChart(
        folder.resolve("loss.png"),
        data.corpus().name(),
        result,
        HeldOutLoss.bits(data.unigramNats()),
        HeldOutLoss.bits(data.uniformNats()));
    String samples = samples(model, prime);
    AtomicFile.writeString(folder.resolve("samples.txt"), samples);
    JsonObject metrics = metrics(data, model, result, config);
    Json.write(folder.resolve("metrics.json"), metrics);
    return samples;
  }

  private void printResult(Path folder, Data data, CharTrainer.Result result, String samples) {
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        Locale.ROOT,
        "%n%d updates (%d epoch(s), stopped by %s) in %.1f s, %.0f chars/s%n"
            + "held-out: %.4f nats = %.4f bits per character (uniform %.3f, unigram %.3f bits)%n%n%s%n"
            + "wrote %s%n",
        result.updates(),
        result.epochs(),
        result.stoppedBy(),
        result.seconds(),
        result.charactersPerSecond(),
        result.heldOutNats(),
        HeldOutLoss.bits(result.heldOutNats()),
        HeldOutLoss.bits(data.uniformNats()),
        HeldOutLoss.bits(data.unigramNats()),
        samples,
        String.join(
            ", ",
            List.of("model.npz", "loss.png", "samples.txt", "metrics.json").stream()
                .map(f -> folder.resolve(f).toString())
                .toList()));
    stdout.flush();
  }

  private CellType cellType() {
    return switch (cell.toLowerCase(Locale.ROOT)) {
      case "lstm" -> CellType.LSTM;
      case "gru" -> CellType.GRU;
      case "rnn" -> CellType.RNN_TANH;
      default -> throw new UserError("--cell must be lstm, gru or rnn, got '" + cell + "'");
    };
  }

  private static CharTrainer.Listener listener(Progress bar) {
    return new CharTrainer.Listener() {
      private double heldOut = Double.NaN;

      @Override
      public void onUpdate(int update, double fraction, double nats, double charsPerSecond) {
        bar.show(
            fraction,
            Double.isNaN(heldOut)
                ? String.format(
                    Locale.ROOT, " %.3f bpc, %.0f chars/s", HeldOutLoss.bits(nats), charsPerSecond)
                : String.format(
                    Locale.ROOT,
                    " %.3f bpc, held-out %.3f, %.0f chars/s",
                    HeldOutLoss.bits(nats),
                    heldOut,
                    charsPerSecond));
      }

      @Override
      public void onEvaluation(CharTrainer.Point point) {
        heldOut = HeldOutLoss.bits(point.heldOutNats());
      }
    };
  }

  private String samples(CharModel model, String prime) {
    StringBuilder sb = new StringBuilder();
    for (double t : SAMPLE_TEMPERATURES) {
      String text =
          new Sampler(t, model.vocabulary().size())
              .generate(model, prime, 500, new Random(seed.value()));
      sb.append(
          "--- temperature %s, seed %d, prime %s ---%n"
              .formatted(t, seed.value(), prime.equals("\n") ? "a line break" : "'" + prime + "'"));
      sb.append(text).append("\n\n");
    }
    return sb.toString();
  }

  private JsonObject metrics(
      Data data, CharModel model, CharTrainer.Result result, CharTrainer.Config config) {
    JsonObject m = new JsonObject();
    m.addProperty("bpc", HeldOutLoss.bits(result.heldOutNats()));
    m.addProperty("nats", result.heldOutNats());
    m.addProperty("unigram_bpc", HeldOutLoss.bits(data.unigramNats()));
    m.addProperty("uniform_bpc", HeldOutLoss.bits(data.uniformNats()));
    m.addProperty("vocab", data.vocabulary().size());
    m.addProperty("chars_per_second", result.charactersPerSecond());
    m.addProperty("parameters", model.parameterCount());
    m.addProperty("corpus", data.corpus().name());
    m.addProperty("cell", model.architecture().cell().id());
    com.google.gson.JsonArray variantNames = new com.google.gson.JsonArray();
    model.architecture().options().names().forEach(variantNames::add);
    m.add("cell_variants", variantNames);
    m.addProperty("embedding", model.architecture().embedding());
    m.addProperty("hidden", model.architecture().hidden());
    m.addProperty("layers", model.architecture().layers());
    m.addProperty("seq", config.seq());
    m.addProperty("batch", config.batch());
    m.addProperty("learning_rate", config.learningRate());
    m.addProperty("clip_norm", config.clipNorm());
    m.addProperty("updates", result.updates());
    m.addProperty("epochs", result.epochs());
    m.addProperty("stopped_by", result.stoppedBy());
    m.addProperty("training_seconds", result.seconds());
    m.addProperty("seed", seed.value());
    var curve = new com.google.gson.JsonArray();
    for (CharTrainer.Point p : result.points()) {
      JsonObject o = new JsonObject();
      o.addProperty("update", p.update());
      o.addProperty("characters", p.characters());
      if (Double.isFinite(p.trainNats())) {
        o.addProperty("train_bpc", HeldOutLoss.bits(p.trainNats()));
      }
      o.addProperty("held_out_bpc", HeldOutLoss.bits(p.heldOutNats()));
      curve.add(o);
    }
    m.add("curve", curve);
    return m;
  }

  private static void writeChart(
      Path file, String corpus, CharTrainer.Result result, double unigramBits, double uniformBits) {
    List<CharTrainer.Point> points = result.points();
    double[] x = new double[points.size()];
    double[] train = new double[points.size()];
    double[] held = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i).characters() / 1e6;
      train[i] = HeldOutLoss.bits(points.get(i).trainNats());
      held[i] = HeldOutLoss.bits(points.get(i).heldOutNats());
    }
    // the uniform model's ln(V) sits far above a trained curve: named in the title, not drawn
    new LineChart(
            "%s: bits per character (uniform guess: log2 V = %.2f)".formatted(corpus, uniformBits),
            "training characters (millions)",
            "bits per character")
        .shapes()
        .add(new Series("training (mean since the previous point)", x, train))
        .add(new Series("held-out (last 10%)", x, held))
        .horizontalLine(unigramBits, "unigram entropy %.2f".formatted(unigramBits))
        .write(file);
  }
}
