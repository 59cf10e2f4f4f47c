package org.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rnnkit.nn.Sequence;

class CharStreamsTest {

  @Test
  void chunksReadEachStreamInOrderWithTargetsOneAhead() {
    int[] text = new int[23];
    for (int i = 0; i < text.length; i++) {
      text[i] = i;
    }
    // B = 2 streams of L = 11: [0..10] and [11..21]; 22 unused; chunks of 4 cover 10 predictions
    CharStreams s = new CharStreams(text, 2, 4);
    assertEquals(2, s.fullChunks());
    assertEquals(3, s.allChunks());
    assertEquals(2, s.chunkSteps(2));
    assertEquals(20, s.predictions());
    Sequence x = new Sequence(4, 2, 1);
    Sequence y = new Sequence(4, 2, 1);
    s.fill(1, x, y);
    for (int t = 0; t < 4; t++) {
      assertEquals(4 + t, x.get(t, 0, 0));
      assertEquals(5 + t, y.get(t, 0, 0));
      assertEquals(15 + t, x.get(t, 1, 0));
      assertEquals(16 + t, y.get(t, 1, 0));
    }
    Sequence x2 = new Sequence(2, 2, 1);
    Sequence y2 = new Sequence(2, 2, 1);
    s.fill(2, x2, y2);
    assertEquals(9, x2.get(1, 0, 0));
    assertEquals(10, y2.get(1, 0, 0));
    assertEquals(21, y2.get(1, 1, 0));
  }

  @Test
  void aTextShorterThanOneChunkPerStreamIsRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> new CharStreams(new int[9], 2, 4));
    assertEquals(true, e.getMessage().contains("--seq"), e.getMessage());
  }
}
