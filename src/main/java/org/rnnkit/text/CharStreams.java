package org.rnnkit.text;

import org.rnnkit.nn.Sequence;

/**
 * An encoded text cut into {@code B} parallel streams, read in chunks of {@code T} characters, as
 * char-rnn does: stream b is the contiguous part {@code [b*L, (b+1)*L)} of the text ({@code L =
 * floor(n / B)}; the last {@code n - B*L} characters are not used), and chunk k of every stream is
 * its characters {@code [k*T, (k+1)*T)} as input with the characters one later as targets. Chunk k
 * + 1 of a stream continues where chunk k ended, so the state a model ends a chunk with is the
 * right state to start the next one from.
 *
 * <pre>
 *   text:    | stream 0 (L chars) | stream 1 | ... | stream B-1 | unused |
 *   chunk k: input  x[t][b] = text[b*L + k*T + t]       t = 0..T'-1
 *            target y[t][b] = text[b*L + k*T + t + 1]   T' = T, or less for the last chunk
 * </pre>
 *
 * <p>{@link #fill} writes a chunk into caller-owned sequences, so training allocates nothing per
 * chunk.
 */
public final class CharStreams {
  private final int[] text;
  private final int streams;
  private final int streamLength;
  private final int seq;

  /**
   * @param text Not modified; kept. Symbol indices.
   * @param streams B, at least 1
   * @param seq T, characters per chunk, at least 1
   * @throws IllegalArgumentException when a stream would be shorter than one chunk plus its target
   */
  public CharStreams(int[] text, int streams, int seq) {
    if (streams < 1 || seq < 1) {
      throw new IllegalArgumentException(
          "streams and chunk length must be at least 1, got B=%d, T=%d".formatted(streams, seq));
    }
    this.text = text;
    this.streams = streams;
    this.streamLength = text.length / streams;
    this.seq = seq;
    if (streamLength < seq + 1) {
      throw new IllegalArgumentException(
          "%d characters make %d streams of %d; a chunk of %d needs %d per stream (%d in all). Use a longer corpus or a smaller --seq or --batch"
              .formatted(text.length, streams, streamLength, seq, seq + 1, streams * (seq + 1)));
    }
  }

  /** B. */
  public int streams() {
    return streams;
  }

  /** T, the longest chunk. */
  public int seq() {
    return seq;
  }

  /** The number of full chunks of T in each stream: {@code floor((L - 1) / T)}. */
  public int fullChunks() {
    return (streamLength - 1) / seq;
  }

  /** The number of chunks that cover each stream, the last one possibly shorter than T. */
  public int allChunks() {
    return (streamLength - 1 + seq - 1) / seq;
  }

  /** The number of steps of chunk k: T, or what is left for the last one. */
  public int chunkSteps(int k) {
    return Math.min(seq, streamLength - 1 - k * seq);
  }

  /** Predicted characters in all chunks: {@code B * (L - 1)}. */
  public long predictions() {
    return (long) streams * (streamLength - 1);
  }

  /**
   * Writes chunk k into {@code input} and {@code target}.
   *
   * @param input Modified. {@code chunkSteps(k) x B x 1}.
   * @param target Modified. Same shape.
   */
  public void fill(int k, Sequence input, Sequence target) {
    int steps = chunkSteps(k);
    if (steps < 1 || input.steps() != steps || input.batch() != streams) {
      throw new IllegalArgumentException(
          "chunk %d has %d steps of %d streams; got a sequence of %s"
              .formatted(k, steps, streams, input.shape()));
    }
    double[] x = input.values().data;
    double[] y = target.values().data;
    for (int t = 0; t < steps; t++) {
      for (int b = 0; b < streams; b++) {
        int at = b * streamLength + k * seq + t;
        x[t * streams + b] = text[at];
        y[t * streams + b] = text[at + 1];
      }
    }
  }
}
