import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.rnnkit.chart.ChartStyle;
import org.rnnkit.chart.LineChart;
import org.rnnkit.chart.Series;
import org.rnnkit.data.Example;
import org.rnnkit.io.Json;
import org.rnnkit.loss.SoftmaxCrossEntropy;
import org.rnnkit.nn.Activation;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.layer.Dense;
import org.rnnkit.nn.layer.Dropout;
import org.rnnkit.nn.layer.Embedding;
import org.rnnkit.nn.layer.RecurrentStack;
import org.rnnkit.optim.Adam;
import org.rnnkit.text.Corpus;
import org.rnnkit.text.Vocabulary;
import org.rnnkit.train.BatchMode;
import org.rnnkit.train.History;
import org.rnnkit.train.Trainer;
import org.rnnkit.train.TrainingConfig;

/**
 * The overfitting experiment of issue 17: a character model too large for its text, trained with
 * no dropout, with ordinary dropout (Zaremba et al. 2014: between the stacked layers and before the
 * head, a new mask at every step) and with recurrent dropout (Gal and Ghahramani 2016: on every
 * layer's inputs and on h[t-1], one mask per sequence for all the steps of a pass: text training
 * passes chunks, so one per chunk), at the same probability.
 *
 * <pre>
 *   mvn -B -q package -DskipTests
 *   java -cp target/rnnkit.jar bench/RecurrentDropoutStudy.java OUT [EPOCHS] [SEEDS] [P]
 * </pre>
 *
 * Data: the first 20,000 characters of the bundled "Pride and Prejudice" for training (400
 * sequences of 50), the next 5,000 held out (100 sequences); each step predicts the next
 * character. Model: embedding 32, 2-layer LSTM of 128, linear head; Adam 0.005, batches of 16,
 * gradient norm clipped to 5, EPOCHS epochs (default 40), no early stopping. Prints per variant and
 * seed the best and final held-out bits per character and the final training loss; writes
 * {@code recurrent-dropout.png} (held-out bits per character by epoch, seed 0; training loss
 * dashed) and {@code recurrent-dropout.json} (every curve).
 */
public class RecurrentDropoutStudy {
  private static final int STEPS = 50;
  private static final int TRAIN_CHARS = 20_000;
  private static final int HELD_OUT_CHARS = 5_000;
  private static final int HIDDEN = 128;
  private static final double LN2 = Math.log(2);

  record Variant(String name, double ordinary, double recurrent, Color color) {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    double p = args.length > 3 ? Double.parseDouble(args[3]) : 0.3;
    Files.createDirectories(out);
    String text = Corpus.bundled().text().substring(0, TRAIN_CHARS + HELD_OUT_CHARS + 1);
    Vocabulary vocabulary = Vocabulary.of(text, Vocabulary.Unknown.REJECT);
    List<Example> train = sequences(text, 0, TRAIN_CHARS, vocabulary);
    List<Example> heldOut = sequences(text, TRAIN_CHARS, HELD_OUT_CHARS, vocabulary);
    System.out.printf(
        Locale.ROOT,
        "V=%d, %d training and %d held-out sequences of %d; %d epochs, p=%s, uniform %.3f bits%n",
        vocabulary.size(),
        train.size(),
        heldOut.size(),
        STEPS,
        epochs,
        p,
        Math.log(vocabulary.size()) / LN2);
    List<Variant> variants =
        List.of(
            new Variant("no dropout", 0, 0, ChartStyle.cell("rnn").color()),
            new Variant("ordinary dropout", p, 0, ChartStyle.cell("lstm").color()),
            new Variant("recurrent dropout", 0, p, ChartStyle.cell("gru").color()));
    LineChart chart =
        new LineChart(
            "Overfitting a 2-layer LSTM of 128 to 20,000 characters (p = %s; training dashed)"
                .formatted(p),
            "epoch",
            "bits per character");
    Map<String, Object> json = new LinkedHashMap<>();
    for (Variant v : variants) {
      List<Object> runs = new ArrayList<>();
      for (int seed = 0; seed < seeds; seed++) {
        long start = System.nanoTime();
        History h = run(v, vocabulary.size(), train, heldOut, epochs, seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] validation = bits(h.validationLosses());
        double[] training = bits(h.trainLosses());
        int best = argMin(validation);
        System.out.printf(
            Locale.ROOT,
            "%-18s seed %d: held out best %.3f (epoch %d), final %.3f; training final %.3f;"
                + " %.0f s%n",
            v.name(),
            seed,
            validation[best],
            best + 1,
            validation[validation.length - 1],
            training[training.length - 1],
            seconds);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seed", seed);
        r.put("best_held_out_bpc", validation[best]);
        r.put("best_epoch", best + 1);
        r.put("final_held_out_bpc", validation[validation.length - 1]);
        r.put("final_training_bpc", training[training.length - 1]);
        r.put("held_out_bpc", validation);
        r.put("training_bpc", training);
        r.put("seconds", seconds);
        runs.add(r);
        if (seed == 0) {
          chart.add(
              Series.indexed(v.name() + ", held out", validation)
                  .withLook(new ChartStyle.Look(v.color(), false)));
          chart.add(
              Series.indexed(v.name() + ", training", training)
                  .withLook(new ChartStyle.Look(v.color(), true)));
        }
      }
      json.put(v.name(), runs);
    }
    chart.write(out.resolve("recurrent-dropout.png"));
    Json.write(out.resolve("recurrent-dropout.json"), json);
  }

  private static History run(
      Variant v, int vocabularySize, List<Example> train, List<Example> heldOut, int epochs,
      long seed) {
    Random rng = new Random(seed);
    List<Layer> layers = new ArrayList<>();
    layers.add(new Embedding("embedding", vocabularySize, 32, rng));
    layers.add(
        new RecurrentStack(
            new RecurrentStack.Config(CellType.LSTM, 32, HIDDEN, 2, false, true, v.ordinary())
                .withRecurrentDropout(v.recurrent()),
            rng));
    if (v.ordinary() > 0) {
      layers.add(new Dropout(v.ordinary(), rng.nextLong()));
    }
    layers.add(new Dense("head", HIDDEN, vocabularySize, Activation.IDENTITY, rng));
    SequenceModel model = new SequenceModel(layers);
    TrainingConfig config =
        TrainingConfig.builder()
            .epochs(epochs)
            .batchMode(BatchMode.MINI_BATCH)
            .batchSize(16)
            .clipNorm(5)
            .seed(seed)
            .build();
    return new Trainer(
            model,
            new SoftmaxCrossEntropy(),
            new Adam(Adam.Config.defaults().withLearningRate(0.005)),
            config)
        .fit(train, heldOut);
  }

  /** Non-overlapping sequences of {@link #STEPS} characters, each step's target the next one. */
  private static List<Example> sequences(String text, int from, int count, Vocabulary v) {
    List<Example> out = new ArrayList<>();
    for (int s = from; s + STEPS + 1 <= from + count + 1; s += STEPS) {
      double[][] x = new double[STEPS][1];
      double[][] y = new double[STEPS][1];
      for (int t = 0; t < STEPS; t++) {
        x[t][0] = v.indexOf(text.charAt(s + t));
        y[t][0] = v.indexOf(text.charAt(s + t + 1));
      }
      out.add(Example.of(x, y));
    }
    return out;
  }

  private static double[] bits(double[] nats) {
    double[] b = new double[nats.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = nats[i] / LN2;
    }
    return b;
  }

  private static int argMin(double[] a) {
    int best = 0;
    for (int i = 1; i < a.length; i++) {
      if (a[i] < a[best]) {
        best = i;
      }
    }
    return best;
  }
}
