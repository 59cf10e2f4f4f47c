package org.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.io.ModelFile;
import org.rnnkit.io.ModelFileException;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.text.Vocabulary.Unknown;

/** Training, evaluation, sampling and saving of a character model, on tiny texts. */
class CharModelTest {
  private static final String SENTENCE = "the cat sat on the mat. ";

  @TempDir Path dir;

  private static CharModel model(String text, CellType cell, int hidden, long seed) {
    return new CharModel(
        Vocabulary.of(text, Unknown.REJECT),
        new CharModel.Architecture(cell, 8, hidden, 1),
        new Random(seed));
  }

  /** A model trained on a repeated sentence, and the result. */
  private static CharTrainer.Result trainOnRepeatedSentence(CharModel m, int epochs) {
    String text = SENTENCE.repeat(50);
    int[] codes = m.vocabulary().encode(text);
    int split = codes.length * 9 / 10;
    return new CharTrainer(new CharTrainer.Config(20, 4, epochs, 0, 0.01, 5, 2, 4), null)
        .fit(m, Arrays.copyOf(codes, split), Arrays.copyOfRange(codes, split, codes.length));
  }

  @Test
  void anUntrainedModelScoresAboutLnV() {
    String text = "It is a truth universally acknowledged, that a single man in possession";
    CharModel m = model(text, CellType.LSTM, 16, 3);
    double nats = HeldOutLoss.nats(m, m.vocabulary().encode(text), 2, 10);
    assertEquals(Math.log(m.vocabulary().size()), nats, 0.15);
  }

  @Test
  void aRepeatedSentenceIsLearntToNearZeroLoss() {
    CharModel m = model(SENTENCE, CellType.LSTM, 32, 1);
    double untrained = HeldOutLoss.nats(m, m.vocabulary().encode(SENTENCE.repeat(5)), 1, 50);
    assertTrue(untrained > 2, "untrained " + untrained);
    CharTrainer.Result r = trainOnRepeatedSentence(m, 20);
    assertTrue(r.heldOutNats() < 0.05, "held-out nats " + r.heldOutNats());
    assertEquals("epochs", r.stoppedBy());
    assertEquals(3, r.points().size());
    String sample = new Sampler(0.5, 5).generate(m, "the c", 40, new Random(0));
    assertEquals(SENTENCE.repeat(3).substring(5, 45), sample);
  }

  @Test
  void unigramEntropyOfAKnownDistribution() {
    // p = 1/2, 1/4, 1/4: H = 1.5 bits
    assertEquals(1.5, HeldOutLoss.bits(HeldOutLoss.unigramNats(new int[] {0, 0, 1, 2}, 3)), 1e-12);
  }

  @Test
  void aTinyTemperatureGivesTheArgmaxOfRecomputedLogits() {
    String text = SENTENCE.repeat(3);
    CharModel m = model(text, CellType.GRU, 12, 5);
    String prime = "the ";
    String greedy = new Sampler(1e-9, 100).generate(m, prime, 15, new Random(1));
    // independently: the whole prefix run from zeros each time, without carried state
    StringBuilder prefix = new StringBuilder(prime);
    int v = m.vocabulary().size();
    for (int i = 0; i < 15; i++) {
      int[] codes = m.vocabulary().encode(prefix);
      Sequence x = new Sequence(codes.length, 1, 1);
      for (int t = 0; t < codes.length; t++) {
        x.values().data[t] = codes[t];
      }
      m.resetState();
      Sequence z = m.network().forward(x, false);
      int best = 0;
      for (int k = 1; k < v; k++) {
        if (z.get(codes.length - 1, 0, k) > z.get(codes.length - 1, 0, best)) {
          best = k;
        }
      }
      prefix.append(m.vocabulary().decode(best));
    }
    assertEquals(prefix.substring(prime.length()), greedy);
    assertEquals(greedy, new Sampler(1.0, 1).generate(m, prime, 15, new Random(99)), "top-1");
  }

  @Test
  void aSeedGivesTheSameSampleEveryTime() {
    CharModel m = model(SENTENCE, CellType.LSTM, 8, 2);
    Sampler s = new Sampler(1.0, 100);
    String a = s.generate(m, "the", 60, new Random(7));
    assertEquals(a, s.generate(m, "the", 60, new Random(7)));
    assertNotEquals(a, s.generate(m, "the", 60, new Random(8)));
  }

  @Test
  void topKDrawsOnlyAmongTheKLargest() {
    Sampler s = new Sampler(5.0, 2);
    double[] logits = {0.1, 3, -1, 2.5, 0};
    double[] scratch = new double[5];
    Random rng = new Random(4);
    int[] counts = new int[5];
    for (int i = 0; i < 2000; i++) {
      counts[s.draw(logits, scratch, rng)]++;
    }
    assertEquals(0, counts[0] + counts[2] + counts[4]);
    assertTrue(counts[1] > 0 && counts[3] > 0);
  }

  @Test
  void badSamplerSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Sampler(0, 5));
    assertThrows(IllegalArgumentException.class, () -> new Sampler(-1, 5));
    assertThrows(IllegalArgumentException.class, () -> new Sampler(Double.NaN, 5));
    assertThrows(IllegalArgumentException.class, () -> new Sampler(1, 0));
  }

  @Test
  void aSavedModelSamplesExactlyAsTheOriginal() throws IOException {
    CharModel m = model(SENTENCE, CellType.LSTM, 16, 1);
    trainOnRepeatedSentence(m, 2);
    Path file = dir.resolve("model.npz");
    m.save(file, new JsonObject());
    CharModel loaded = CharModel.load(file);
    assertEquals(m.architecture(), loaded.architecture());
    assertEquals(m.vocabulary().decode(0, 1, 2), loaded.vocabulary().decode(0, 1, 2));
    Sampler s = new Sampler(0.8, 4);
    assertEquals(
        s.generate(m, "the", 80, new Random(3)), s.generate(loaded, "the", 80, new Random(3)));
  }

  @Test
  void aModelFileOfAnotherKindIsNotATextModel() throws IOException {
    CharModel m = model(SENTENCE, CellType.GRU, 4, 1);
    JsonObject arch = new JsonObject();
    arch.addProperty("kind", "recurrent_forecaster");
    Path file = dir.resolve("other.npz");
    ModelFile.save(file, m.network(), arch);
    var e = assertThrows(ModelFileException.class, () -> CharModel.load(file));
    assertTrue(e.getMessage().contains("is not a text model"), e.getMessage());
  }
}
