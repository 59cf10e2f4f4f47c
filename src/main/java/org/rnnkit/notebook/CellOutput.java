package org.rnnkit.notebook;

import java.util.Map;

/**
 * Where a cell's outputs go, in the order the cell produces them: a Jupyter connection ({@link
 * RnnKitKernel}) or a notebook file being filled ({@link NotebookRunner}). A bundle maps MIME types
 * ({@code text/plain}, {@code image/png} as base64) to the same thing in each form, as Jupyter's
 * {@code display_data}.
 */
public interface CellOutput {
  /** Text written to {@code stdout} or {@code stderr} (the stream's name). */
  void stream(String name, String text);

  /** A picture or other rich value shown in the middle of the cell's output. */
  void display(Map<String, String> bundle);

  /** The value of the cell's last expression. */
  void result(Map<String, String> bundle);
}
