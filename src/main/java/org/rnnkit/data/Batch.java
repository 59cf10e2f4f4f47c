package org.rnnkit.data;

import java.util.List;
import org.rnnkit.nn.Sequence;

/**
 * Examples gathered into one padded batch: inputs {@code T x B x F} with T the longest input and
 * each sequence's own length recorded ({@link Sequence#lengths()}), targets likewise (or {@code 1 x
 * B x O} for many-to-one examples).
 */
public record Batch(Sequence input, Sequence target) {

  /** Number of examples in the batch. */
  public int size() {
    return input.batch();
  }

  /**
   * Pads and stacks examples; every example must have the same feature counts and the same kind of
   * target (per step or many-to-one).
   */
  public static Batch of(List<Example> examples) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one example");
    }
    Example first = examples.get(0);
    // a one-step example fits either kind; the first longer one decides
    boolean perStep =
        examples.stream()
            .filter(e -> e.input().steps() > 1)
            .findFirst()
            .map(Example::isSequenceToSequence)
            .orElse(false);
    for (int i = 1; i < examples.size(); i++) {
      Example e = examples.get(i);
      if (e.input().features() != first.input().features()
          || e.target().features() != first.target().features()) {
        throw new IllegalArgumentException(
            "example %d has %d input and %d target features, example 0 has %d and %d"
                .formatted(
                    i,
                    e.input().features(),
                    e.target().features(),
                    first.input().features(),
                    first.target().features()));
      }
      if (e.input().steps() > 1 && e.isSequenceToSequence() != perStep) {
        throw new IllegalArgumentException(
            "example %d mixes many-to-one and per-step targets with the examples before it"
                .formatted(i));
      }
    }
    return new Batch(
        stack(examples.stream().map(Example::input).toList()),
        stack(examples.stream().map(Example::target).toList()));
  }

  /** Stacks one-sequence batches into one, padding at the end; lengths only when they differ. */
  static Sequence stack(List<Sequence> parts) {
    int steps = parts.stream().mapToInt(Sequence::steps).max().orElseThrow();
    int features = parts.get(0).features();
    int batch = parts.size();
    Sequence out = new Sequence(steps, batch, features);
    int[] lengths = new int[batch];
    boolean padded = false;
    for (int b = 0; b < batch; b++) {
      Sequence s = parts.get(b);
      lengths[b] = s.steps();
      padded |= s.steps() != steps;
      for (int t = 0; t < s.steps(); t++) {
        System.arraycopy(
            s.values().data, t * features, out.values().data, (t * batch + b) * features, features);
      }
    }
    return padded ? out.withLengths(lengths) : out;
  }
}
