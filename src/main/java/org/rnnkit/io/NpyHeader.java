package org.rnnkit.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The header dictionary of a {@code .npy} file, a Python literal such as {@code {'descr': '<f8',
 * 'fortran_order': False, 'shape': (2, 3), }}: its parser (strings, {@code True}/{@code False},
 * tuples of integers, nothing else) and numpy's way of writing it.
 */
record NpyHeader(Dtype dtype, long[] shape) {
  /** numpy 1.x cannot load more dimensions than this (NPY_MAXDIMS). */
  static final int MAX_RANK = 32;

  /** numpy leaves room for the first axis to grow to this many digits (GROWTH_AXIS_MAX_DIGITS). */
  private static final int GROWTH_AXIS_MAX_DIGITS = 21;

  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

  /** The element types read; only {@link #F8} is written. All little-endian. */
  enum Dtype {
    F8("<f8", 8),
    F4("<f4", 4),
    I8("<i8", 8),
    I4("<i4", 4);

    final String descr;
    final int itemSize;

    Dtype(String descr, int itemSize) {
      this.descr = descr;
      this.itemSize = itemSize;
    }

    static Dtype parse(String descr, String entry) throws ModelFileException {
      for (Dtype d : values()) {
        if (d.descr.equals(descr)) {
          return d;
        }
      }
      String hint =
          descr.startsWith(">")
              ? "big-endian data is not supported; save with arr.astype('<f8')"
              : "convert with arr.astype('<f8') before saving";
      throw new ModelFileException(
          "%s: dtype '%s' is not supported (supported: <f8, <f4, <i8, <i4); %s"
              .formatted(entry, descr, hint));
    }
  }

  /** Builds the header of a C-order array of this shape. */
  static NpyHeader of(Dtype dtype, int[] shape) {
    return new NpyHeader(dtype, Arrays.stream(shape).asLongStream().toArray());
  }

  /** The number of values, the product of the shape, or -1 when it exceeds a long. */
  long count() {
    long n = 1;
    for (long d : shape) {
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        return -1;
      }
    }
    return n;
  }

  /** The shape as int dimensions, or null when one exceeds {@link Integer#MAX_VALUE}. */
  int[] intShape() {
    int[] dims = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] > Integer.MAX_VALUE) {
        return null;
      }
      dims[i] = (int) shape[i];
    }
    return dims;
  }

  /** NumPy's spelling of the shape: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
  String shapeString() {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    return Arrays.stream(shape)
        .mapToObj(Long::toString)
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /**
   * numpy's header text for a C-order array, before padding: the keys sorted, {@code repr} of each
   * value, then spare spaces so the first axis can grow in place.
   */
  String dictText() {
    String text =
        "{'descr': '%s', 'fortran_order': False, 'shape': %s, }"
            .formatted(dtype.descr, shapeString());
    if (shape.length > 0) {
      text += " ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length());
    }
    return text;
  }

  /** The dictionary text as numpy writes it, in ASCII. */
  byte[] dictBytes() {
    return dictText().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Parses the header dictionary; rejects anything numpy would not produce for a supported array.
   *
   * @param text the decoded header, padding included
   * @param entry the file or entry name, for messages
   */
  static NpyHeader parse(String text, String entry) throws ModelFileException {
    Map<String, Object> dict = new Parser(text, entry).document();
    if (!dict.keySet().equals(KEYS)) {
      throw new ModelFileException(
          "%s: the .npy header must have exactly the keys descr, fortran_order and shape, got %s"
              .formatted(entry, dict.keySet()));
    }
    if (!(dict.get("descr") instanceof String descr)) {
      throw new ModelFileException(
          "%s: descr must be a string such as '<f8', got %s (structured dtypes are not supported)"
              .formatted(entry, dict.get("descr")));
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw new ModelFileException(
          "%s: fortran_order must be True or False, got %s"
              .formatted(entry, dict.get("fortran_order")));
    }
    if (fortran) {
      throw new ModelFileException(
          "%s: the array is in Fortran order, only C order is supported; save np.ascontiguousarray(arr) instead"
              .formatted(entry));
    }
    if (!(dict.get("shape") instanceof long[] dims)) {
      throw new ModelFileException(
          "%s: shape must be a tuple of integers such as (2, 3), got %s"
              .formatted(entry, dict.get("shape")));
    }
    if (dims.length > MAX_RANK) {
      throw new ModelFileException(
          "%s: shape has %d dimensions, at most %d are supported"
              .formatted(entry, dims.length, MAX_RANK));
    }
    for (long d : dims) {
      if (d < 0) {
        throw new ModelFileException(
            "%s: shape %s has a negative dimension; the header is corrupt"
                .formatted(entry, Arrays.toString(dims)));
      }
    }
    return new NpyHeader(Dtype.parse(descr, entry), dims);
  }

  /** A recursive-descent parser for the small Python literal subset of .npy headers. */
  private static final class Parser {
    private final String text;
    private final String entry;
    private int pos;

    Parser(String text, String entry) {
      this.text = text;
      this.entry = entry;
    }

    Map<String, Object> document() throws ModelFileException {
      skipSpace();
      Map<String, Object> dict = dict();
      skipSpace();
      if (pos != text.length()) {
        throw error("unexpected text after the dictionary");
      }
      return dict;
    }

    private Map<String, Object> dict() throws ModelFileException {
      expect('{');
      Map<String, Object> dict = new LinkedHashMap<>();
      skipSpace();
      while (peek() != '}') {
        String key = string();
        skipSpace();
        expect(':');
        skipSpace();
        if (dict.put(key, value()) != null) {
          throw error("key '" + key + "' appears twice");
        }
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != '}') {
          throw error("expected ',' or '}'");
        }
      }
      pos++;
      return dict;
    }

    private Object value() throws ModelFileException {
      char c = peek();
      if (c == '\'' || c == '"') {
        return string();
      }
      if (c == '(') {
        return tuple();
      }
      if (text.startsWith("True", pos)) {
        pos += 4;
        return Boolean.TRUE;
      }
      if (text.startsWith("False", pos)) {
        pos += 5;
        return Boolean.FALSE;
      }
      throw error("expected a string, True, False or a tuple");
    }

    private long[] tuple() throws ModelFileException {
      expect('(');
      List<Long> items = new ArrayList<>();
      boolean trailingComma = false;
      skipSpace();
      while (peek() != ')') {
        items.add(integer());
        skipSpace();
        trailingComma = peek() == ',';
        if (trailingComma) {
          pos++;
          skipSpace();
        } else if (peek() != ')') {
          throw error("expected ',' or ')' in the shape");
        }
      }
      pos++;
      if (items.size() == 1 && !trailingComma) {
        throw error("a one-element shape needs a trailing comma, as (3,)");
      }
      return items.stream().mapToLong(Long::longValue).toArray();
    }

    private long integer() throws ModelFileException {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      String digits = text.substring(start, pos);
      if (peek() == 'L') {
        pos++; // Python 2 long suffix, as numpy's _filter_header accepts
      }
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        pos = start;
        throw error("expected an integer dimension");
      }
    }

    private String string() throws ModelFileException {
      char quote = peek();
      if (quote != '\'' && quote != '"') {
        throw error("expected a quoted string");
      }
      int end = text.indexOf(quote, pos + 1);
      if (end < 0) {
        throw error("unterminated string");
      }
      String s = text.substring(pos + 1, end);
      if (s.indexOf('\\') >= 0) {
        throw error("escapes in strings are not supported");
      }
      pos = end + 1;
      return s;
    }

    private void expect(char c) throws ModelFileException {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private ModelFileException error(String problem) {
      String shown = text.strip();
      if (shown.length() > 200) {
        shown = shown.substring(0, 200) + "...";
      }
      return new ModelFileException(
          "%s: cannot parse the .npy header at character %d: %s; header was %s"
              .formatted(entry, pos, problem, shown));
    }
  }
}
