package org.rnnkit.bench;

import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.text.CharModel;
import org.rnnkit.text.ChunkUpdate;
import org.rnnkit.text.Vocabulary;

/**
 * One training update of the character language model the PyTorch comparison times ({@link
 * ChunkUpdate}: embedding, L recurrent layers, softmax head over V at every step, cross-entropy,
 * BPTT within the chunk, global-norm clipping at 5, Adam at 0.002) on uniformly random symbols, the
 * state carried from update to update as in training, float64.
 *
 * @param vocabulary V
 * @param embedding D
 * @param hidden H
 * @param layers L
 * @param steps T, characters per chunk
 * @param batch B, streams
 */
public record LanguageModelWorkload(
    CellType cell, int vocabulary, int embedding, int hidden, int layers, int steps, int batch) {

  /** The defaults of {@code text train} on Pride and Prejudice (V = 75). */
  public static final String DEFAULT = "75,64,128,2,64,32";

  /** {@code V,D,H,L,T,B}, six positive integers. */
  public static LanguageModelWorkload parse(CellType cell, String text) {
    String[] parts = text.trim().split(",");
    if (parts.length == 6) {
      try {
        int[] v = new int[6];
        for (int i = 0; i < 6; i++) {
          v[i] = Integer.parseInt(parts[i].trim());
          if (v[i] < 1) {
            throw new NumberFormatException();
          }
        }
        return new LanguageModelWorkload(cell, v[0], v[1], v[2], v[3], v[4], v[5]);
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "the language-model config is V,D,H,L,T,B (six positive integers, e.g. %s), got '%s'"
            .formatted(DEFAULT, text));
  }

  /** "75,64,128,2,64,32". */
  public String sizes() {
    return String.format(
        Locale.ROOT, "%d,%d,%d,%d,%d,%d", vocabulary, embedding, hidden, layers, steps, batch);
  }

  /** Characters predicted per update: T * B. */
  public int charactersPerStep() {
    return steps * batch;
  }

  /** A ready-to-time step: model, data and optimizer built from {@code seed}. */
  public DoubleSupplier trainStep(long seed) {
    Random rng = new Random(seed);
    StringBuilder symbols = new StringBuilder();
    for (int i = 0; i < vocabulary; i++) {
      symbols.appendCodePoint(0x100 + i);
    }
    CharModel model =
        new CharModel(
            Vocabulary.of(symbols, Vocabulary.Unknown.REJECT),
            new CharModel.Architecture(cell, embedding, hidden, layers),
            rng);
    ChunkUpdate update = new ChunkUpdate(model, 0.002, 5);
    Sequence input = new Sequence(steps, batch, 1);
    Sequence target = new Sequence(steps, batch, 1);
    for (int i = 0; i < steps * batch; i++) {
      input.values().data[i] = rng.nextInt(vocabulary);
      target.values().data[i] = rng.nextInt(vocabulary);
    }
    return () -> update.apply(input, target);
  }
}
