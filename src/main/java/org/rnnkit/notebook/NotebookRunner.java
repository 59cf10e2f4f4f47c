package org.rnnkit.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a notebook's code cells in order through a {@link CellEngine} and stores each cell's outputs
 * in the notebook, as {@code jupyter nbconvert --execute} does with a kernel: printed text as
 * {@code stream} outputs, pictures as {@code display_data}, the last expression as {@code
 * execute_result}, a failure as an {@code error} output. The first failing cell ends the run; the
 * cells after it are left without outputs, so no stale output reads as if it came from this run.
 */
public final class NotebookRunner {
  /**
   * The cell a run stopped at.
   *
   * @param cell position of the cell in the notebook, from 1, counting every cell
   * @param error what went wrong
   */
  public record Failure(int cell, CellError error) {}

  private NotebookRunner() {}

  /**
   * Runs every non-empty code cell of {@code notebook} with {@code engine}, replacing outputs.
   *
   * @return the failing cell, if a cell failed
   */
  public static Optional<Failure> run(Notebook notebook, CellEngine engine) {
    Optional<Failure> failure = Optional.empty();
    for (int i = 0; i < notebook.cellCount(); i++) {
      if (!notebook.cellType(i).equals("code")) {
        continue;
      }
      String source = notebook.source(i);
      if (failure.isPresent() || source.isBlank()) {
        notebook.setOutputs(i, null, List.of());
        continue;
      }
      Collector outputs = new Collector(engine.executionCount() + 1);
      Optional<CellError> error = engine.execute(source, outputs);
      error.ifPresent(outputs::error);
      notebook.setOutputs(i, engine.executionCount(), outputs.list);
      if (error.isPresent()) {
        failure = Optional.of(new Failure(i + 1, error.get()));
      }
    }
    notebook.setLanguageInfo(RnnKitKernel.languageInfo());
    return failure;
  }

  /** A cell's outputs in nbformat 4, consecutive text on one stream merged as Jupyter does. */
  private static final class Collector implements CellOutput {
    private final int executionCount;
    private final List<JsonObject> list = new ArrayList<>();
    private String lastStream;
    private StringBuilder lastText;

    Collector(int executionCount) {
      this.executionCount = executionCount;
    }

    @Override
    public void stream(String name, String text) {
      if (!name.equals(lastStream)) {
        lastStream = name;
        lastText = new StringBuilder();
        JsonObject stream = new JsonObject();
        stream.addProperty("output_type", "stream");
        stream.addProperty("name", name);
        list.add(stream);
      }
      lastText.append(text);
      list.get(list.size() - 1).add("text", Notebook.lines(lastText.toString()));
    }

    @Override
    public void display(Map<String, String> bundle) {
      add(data("display_data", bundle));
    }

    @Override
    public void result(Map<String, String> bundle) {
      JsonObject result = data("execute_result", bundle);
      result.addProperty("execution_count", executionCount);
      add(result);
    }

    void error(CellError error) {
      JsonObject output = new JsonObject();
      output.addProperty("output_type", "error");
      output.addProperty("ename", error.name());
      output.addProperty("evalue", error.message());
      JsonArray traceback = new JsonArray();
      error.traceback().forEach(traceback::add);
      output.add("traceback", traceback);
      add(output);
    }

    private void add(JsonObject output) {
      lastStream = null;
      list.add(output);
    }

    private static JsonObject data(String type, Map<String, String> bundle) {
      JsonObject data = new JsonObject();
      bundle.forEach(
          (mime, value) -> {
            if (mime.startsWith("text/")) {
              data.add(mime, Notebook.lines(value));
            } else {
              data.addProperty(mime, value);
            }
          });
      JsonObject output = new JsonObject();
      output.addProperty("output_type", type);
      output.add("data", data);
      output.add("metadata", new JsonObject());
      return output;
    }
  }
}
