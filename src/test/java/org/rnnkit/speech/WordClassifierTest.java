package org.rnnkit.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.audio.MfccConfig;
import org.rnnkit.data.Batch;
import org.rnnkit.io.ModelFileException;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.CellType;

class WordClassifierTest {
  @TempDir Path dir;

  private static SpeechConfig small() {
    return SpeechConfig.builder()
        .architecture(new Architecture(CellType.GRU, 8, 1, true, Pooling.MEAN))
        .epochs(3)
        .patience(0)
        .build();
  }

  /**
   * A padded batch of utterances of different lengths gives each the logits it gets alone, for
   * every pooling and direction (the reverse direction starts at each utterance's own end).
   */
  @Test
  void maskedBatchGivesTheLogitsOfEachUtteranceAlone() {
    List<Recording> recordings = SyntheticWords.recordings(2, 2);
    for (Pooling pooling : Pooling.values()) {
      for (boolean bidirectional : new boolean[] {false, true}) {
        WordClassifier c =
            WordClassifier.untrained(
                MfccConfig.defaults(),
                SyntheticWords.WORDS,
                new Architecture(CellType.LSTM, 6, 2, bidirectional, pooling),
                new Random(5));
        List<double[][]> features = recordings.stream().map(r -> c.features(r.audio())).toList();
        int[] none = new int[features.size()];
        Sequence batch = Batch.of(WordClassifier.examples(features, none)).input();
        assertTrue(batch.lengths() != null, "the utterances differ in length");
        Sequence together = c.logits(batch);
        for (int b = 0; b < features.size(); b++) {
          Sequence alone =
              c.logits(
                  Batch.of(
                          WordClassifier.examples(List.<double[][]>of(features.get(b)), new int[1]))
                      .input());
          for (int k = 0; k < SyntheticWords.WORDS.size(); k++) {
            assertEquals(
                alone.get(0, 0, k),
                together.get(0, b, k),
                1e-12,
                "%s bidirectional=%s utterance %d logit %d"
                    .formatted(pooling, bidirectional, b, k));
          }
        }
      }
    }
  }

  @Test
  void trainingIsDeterministicForASeedAndLearnsTheWords() {
    List<Recording> train = SyntheticWords.recordings(2, 3);
    List<Recording> validation = SyntheticWords.recordings(3, 1).subList(6, 9);
    SpeechConfig config = small().toBuilder().epochs(6).build();
    var first = SpeechTraining.train(train, validation, SyntheticWords.WORDS, config, List.of());
    var second = SpeechTraining.train(train, validation, SyntheticWords.WORDS, config, List.of());
    List<Parameter> a = first.classifier().model().parameters();
    List<Parameter> b = second.classifier().model().parameters();
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i).value().data, b.get(i).value().data, 0, a.get(i).name());
    }
    var third =
        SpeechTraining.train(
            train, validation, SyntheticWords.WORDS, config.toBuilder().seed(2).build(), List.of());
    assertNotEquals(
        a.get(0).value().get(0, 0),
        third.classifier().model().parameters().get(0).value().get(0, 0));
    double[] losses = first.history().trainLosses();
    assertTrue(losses[losses.length - 1] < losses[0], java.util.Arrays.toString(losses));
    assertEquals(6L * train.size(), first.utterancesTrained());
  }

  @Test
  void modelFileRoundTripGivesIdenticalPredictions() throws IOException {
    List<Recording> data = SyntheticWords.recordings(2, 2);
    var result = SpeechTraining.train(data, List.of(), SyntheticWords.WORDS, small(), List.of());
    WordClassifier trained = result.classifier();
    Path file = dir.resolve("model.npz");
    trained.save(file, new JsonObject());
    WordClassifier loaded = WordClassifier.load(file);
    assertEquals(trained.labels(), loaded.labels());
    assertEquals(trained.architecture(), loaded.architecture());
    assertEquals(trained.mfcc().config(), loaded.mfcc().config());
    List<org.rnnkit.audio.Audio> audio = data.stream().map(Recording::audio).toList();
    var before = trained.predict(audio);
    var after = loaded.predict(audio);
    for (int i = 0; i < before.size(); i++) {
      assertEquals(before.get(i).label(), after.get(i).label());
      assertArrayEquals(before.get(i).probabilities(), after.get(i).probabilities(), 0);
    }
  }

  @Test
  void aModelFileOfAnotherKindIsRefused() throws IOException {
    Path file = dir.resolve("other.npz");
    var model =
        new Architecture(CellType.GRU, 2, 1, false, Pooling.LAST).network(3, 2, new Random(1));
    JsonObject arch = new JsonObject();
    arch.addProperty("kind", "recurrent_forecaster");
    org.rnnkit.io.ModelFile.save(file, model, arch);
    var e = assertThrows(ModelFileException.class, () -> WordClassifier.load(file));
    assertTrue(e.getMessage().contains("not a spoken-word model"), e.getMessage());
  }

  @Test
  void augmentationChangesTheFeaturesReproducibly() {
    var mfcc = new org.rnnkit.audio.Mfcc(MfccConfig.defaults());
    List<double[]> waves = List.of(SyntheticWords.samples("up", 0, 0));
    var aug = Augmentation.defaults();
    double[][] e1 = SpeechTraining.augmented(waves, mfcc, aug, 1, 1).get(0);
    double[][] e1again = SpeechTraining.augmented(waves, mfcc, aug, 1, 1).get(0);
    double[][] e2 = SpeechTraining.augmented(waves, mfcc, aug, 1, 2).get(0);
    assertEquals(java.util.Arrays.deepToString(e1), java.util.Arrays.deepToString(e1again));
    assertNotEquals(java.util.Arrays.deepToString(e1), java.util.Arrays.deepToString(e2));
  }

  @Test
  void noiseIsAddedAtTheAskedSnr() {
    double[] x = org.rnnkit.audio.TestWavs.tone(500, 0.5, 1, 8000);
    double[] y = Augmentation.withNoise(x, 10, new Random(3));
    double signal = 0;
    double noise = 0;
    for (int i = 0; i < x.length; i++) {
      signal += x[i] * x[i];
      noise += (y[i] - x[i]) * (y[i] - x[i]);
    }
    assertEquals(10, 10 * Math.log10(signal / noise), 0.1);
  }
}
