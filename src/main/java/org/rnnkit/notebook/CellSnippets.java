package org.rnnkit.notebook;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * A cell's source cut into the snippets JShell evaluates one at a time (a statement, a declaration,
 * an expression), each without the blank lines and comments before it, since JShell numbers a
 * snippet's lines from its first character, and with the cell line it starts on.
 */
final class CellSnippets {
  /**
   * One snippet.
   *
   * @param source what JShell evaluates (JShell may have added a missing semicolon)
   * @param line the cell line (from 1) of the snippet's first line
   */
  record Snippet(String source, int line) {}

  /**
   * The snippets of {@code code} and, when the cell ends inside a statement, that statement's text.
   */
  record Split(List<Snippet> snippets, String unfinished, int unfinishedLine) {}

  private CellSnippets() {}

  static Split split(String code, SourceCodeAnalysis analysis) {
    List<Snippet> snippets = new ArrayList<>();
    int consumed = 0;
    String remaining = code;
    CompletionInfo info = analysis.analyzeCompletion(remaining);
    while (info.completeness().isComplete()) {
      int skip = leadingBlank(info.source());
      snippets.add(new Snippet(info.source().substring(skip), lineOf(code, consumed + skip)));
      consumed += remaining.length() - info.remaining().length();
      remaining = info.remaining();
      info = analysis.analyzeCompletion(remaining);
    }
    if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
      return new Split(snippets, null, 0);
    }
    int skip = leadingBlank(remaining);
    return new Split(snippets, remaining.substring(skip).strip(), lineOf(code, consumed + skip));
  }

  /** Line (from 1) of character {@code offset}. */
  static int lineOf(String code, int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, code.length()); i++) {
      if (code.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Length of the whitespace and comments that start {@code s}. */
  static int leadingBlank(String s) {
    int i = 0;
    while (i < s.length()) {
      if (Character.isWhitespace(s.charAt(i))) {
        i++;
      } else if (s.startsWith("//", i)) {
        int end = s.indexOf('\n', i);
        i = end < 0 ? s.length() : end + 1;
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        if (end < 0) {
          return i; // an unclosed comment: leave it for JShell to report
        }
        i = end + 2;
      } else {
        return i;
      }
    }
    return i;
  }
}
