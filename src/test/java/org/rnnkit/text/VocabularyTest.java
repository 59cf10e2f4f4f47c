package org.rnnkit.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnkit.text.Vocabulary.Unknown;

class VocabularyTest {

  @Test
  void symbolsAreTheSortedDistinctCharacters() {
    Vocabulary v = Vocabulary.of("banana bread\n", Unknown.REJECT);
    assertEquals("\n abdenr", v.decode(0, 1, 2, 3, 4, 5, 6, 7));
    assertEquals(8, v.size());
  }

  @Test
  void encodeThenDecodeGivesTheTextBack() {
    String text = "It is a truth universally acknowledged, café, naïve, 𝄞 (a clef)\n";
    Vocabulary v = Vocabulary.of(text, Unknown.REJECT);
    int[] codes = v.encode(text);
    assertEquals(text.codePointCount(0, text.length()), codes.length);
    assertEquals(text, v.decode(codes));
    Vocabulary again = Vocabulary.fromSymbols(v.symbols(), v.unknown());
    assertArrayEquals(codes, again.encode(text));
  }

  @Test
  void rejectNamesTheCharactersOutsideTheVocabulary() {
    Vocabulary v = Vocabulary.of("abc", Unknown.REJECT);
    var e = assertThrows(IllegalArgumentException.class, () -> v.encode("abXcé"));
    assertTrue(e.getMessage().contains("'X' (U+0058)"), e.getMessage());
    assertTrue(e.getMessage().contains("'é' (U+00E9)"), e.getMessage());
    assertTrue(e.getMessage().startsWith("2 characters"), e.getMessage());
  }

  @Test
  void replaceMapsUnseenCharactersToTheReplacementSymbol() {
    Vocabulary v = Vocabulary.of("abc", Unknown.REPLACE);
    assertEquals(4, v.size());
    int[] codes = v.encode("aZb");
    assertEquals(v.indexOf(Vocabulary.UNKNOWN_SYMBOL), codes[1]);
    assertEquals("a\uFFFDb", v.decode(codes));
  }

  @Test
  void savedSymbolsAreValidated() {
    assertThrows(
        IllegalArgumentException.class, () -> Vocabulary.fromSymbols(new int[0], Unknown.REJECT));
    assertThrows(
        IllegalArgumentException.class,
        () -> Vocabulary.fromSymbols(new int[] {98, 97}, Unknown.REJECT));
    assertThrows(
        IllegalArgumentException.class,
        () -> Vocabulary.fromSymbols(new int[] {97, 98}, Unknown.REPLACE));
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.of("", Unknown.REJECT));
  }
}
