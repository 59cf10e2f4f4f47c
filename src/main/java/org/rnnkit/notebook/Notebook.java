package org.rnnkit.notebook;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rnnkit.io.AtomicFile;

/**
 * A Jupyter notebook file (nbformat 4, JSON): read and checked, its code cells' outputs replaced,
 * and written back as Jupyter writes it (one-space indent, sorted keys, text as lists of lines), so
 * a notebook run by rnnkit and one saved by Jupyter differ only where the outputs do.
 */
public final class Notebook {
  /** The kernelspec rnnkit's notebooks name: {@code java}, shown as "rnnkit (Java)". */
  public static final String KERNEL_NAME = "java";

  private static final Gson GSON =
      new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

  private final JsonObject json;

  private Notebook(JsonObject json) {
    this.json = json;
  }

  /**
   * Reads and checks {@code file}: JSON, nbformat 4, a list of cells, and a Java kernel.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   * @throws IOException if it cannot be read
   */
  public static Notebook read(Path file) throws IOException {
    JsonElement root;
    try (JsonReader reader = new JsonReader(new StringReader(Files.readString(file)))) {
      reader.setStrictness(Strictness.STRICT);
      root = JsonParser.parseReader(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException("text after the JSON value");
      }
    } catch (JsonParseException | MalformedJsonException | MalformedInputException e) {
      throw new IllegalArgumentException(file + " is not a notebook: it is not JSON");
    }
    if (!root.isJsonObject() || !root.getAsJsonObject().has("cells")) {
      throw new IllegalArgumentException(file + " is not a notebook: it has no \"cells\"");
    }
    JsonObject json = root.getAsJsonObject();
    String format = string(json, "nbformat");
    if (!"4".equals(format)) {
      throw new IllegalArgumentException(
          "%s is nbformat %s; rnnkit runs nbformat 4 notebooks (save it with a recent Jupyter)"
              .formatted(file, format));
    }
    if (!json.get("cells").isJsonArray()) {
      throw new IllegalArgumentException(file + " is not a notebook: \"cells\" is not a list");
    }
    String kernel = kernelOf(json);
    if (!KERNEL_NAME.equals(kernel)) {
      throw new IllegalArgumentException(
          "%s is a notebook for the %s kernel; rnnkit runs notebooks whose kernel is java (metadata.kernelspec.name)"
              .formatted(file, kernel));
    }
    return new Notebook(json);
  }

  /** The kernel a notebook names: {@code java} if its kernelspec's name or language says so. */
  private static String kernelOf(JsonObject json) {
    JsonObject metadata = object(json, "metadata");
    JsonObject spec = object(metadata, "kernelspec");
    String name = string(spec, "name");
    String language = string(spec, "language");
    if (KERNEL_NAME.equalsIgnoreCase(name) || KERNEL_NAME.equalsIgnoreCase(language)) {
      return KERNEL_NAME;
    }
    if (name != null) {
      return name;
    }
    String languageInfo = string(object(metadata, "language_info"), "name");
    return KERNEL_NAME.equalsIgnoreCase(languageInfo)
        ? KERNEL_NAME
        : languageInfo != null ? languageInfo : "(unnamed)";
  }

  private static String string(JsonObject parent, String key) {
    JsonElement e = parent.get(key);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
  }

  private static JsonObject object(JsonObject parent, String key) {
    JsonElement e = parent.get(key);
    return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
  }

  /** Number of cells of every kind. */
  public int cellCount() {
    return cells().size();
  }

  /** The type of cell {@code i} (from 0): {@code code}, {@code markdown} or {@code raw}. */
  public String cellType(int i) {
    return cells().get(i).getAsJsonObject().get("cell_type").getAsString();
  }

  /** The source of cell {@code i} (from 0) as one string. */
  public String source(int i) {
    JsonElement source = cells().get(i).getAsJsonObject().get("source");
    if (source == null) {
      return "";
    }
    if (source.isJsonPrimitive()) {
      return source.getAsString();
    }
    StringBuilder text = new StringBuilder();
    for (JsonElement line : source.getAsJsonArray()) {
      text.append(line.getAsString());
    }
    return text.toString();
  }

  /** Replaces the outputs of code cell {@code i} and its execution count (null: not run). */
  public void setOutputs(int i, Integer executionCount, List<JsonObject> outputs) {
    JsonObject cell = cells().get(i).getAsJsonObject();
    JsonArray array = new JsonArray();
    outputs.forEach(array::add);
    cell.add("outputs", array);
    cell.add("execution_count", executionCount == null ? null : new JsonPrimitive(executionCount));
  }

  /** The outputs of cell {@code i} (from 0), as stored. */
  public List<JsonObject> outputs(int i) {
    JsonElement outputs = cells().get(i).getAsJsonObject().get("outputs");
    List<JsonObject> list = new ArrayList<>();
    if (outputs != null && outputs.isJsonArray()) {
      outputs.getAsJsonArray().forEach(o -> list.add(o.getAsJsonObject()));
    }
    return list;
  }

  /** Sets {@code metadata.language_info}, as Jupyter does from the kernel that ran the cells. */
  public void setLanguageInfo(Map<String, String> languageInfo) {
    JsonObject metadata = object(json, "metadata");
    metadata.add("language_info", GSON.toJsonTree(languageInfo));
    json.add("metadata", metadata);
  }

  /** Writes the notebook to {@code file}, atomically. */
  public void write(Path file) throws IOException {
    AtomicFile.writeString(file, toJson());
  }

  /** The notebook as Jupyter writes it: one-space indent, sorted keys, a final newline. */
  String toJson() {
    StringWriter text = new StringWriter();
    try (JsonWriter writer = GSON.newJsonWriter(text)) {
      writer.setIndent(" ");
      GSON.toJson(sorted(json), writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }

  private JsonArray cells() {
    return json.getAsJsonArray("cells");
  }

  /** A copy with every object's keys in order, and multi-line strings of text as line lists. */
  private static JsonElement sorted(JsonElement e) {
    if (e.isJsonObject()) {
      JsonObject copy = new JsonObject();
      Map<String, JsonElement> keys = new TreeMap<>(e.getAsJsonObject().asMap());
      keys.forEach((k, v) -> copy.add(k, sorted(v)));
      return copy;
    }
    if (e.isJsonArray()) {
      JsonArray copy = new JsonArray();
      e.getAsJsonArray().forEach(v -> copy.add(sorted(v)));
      return copy;
    }
    return e;
  }

  /** {@code "a\nb"} as Jupyter stores text: {@code ["a\n", "b"]}. */
  static JsonArray lines(String text) {
    JsonArray lines = new JsonArray();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end + 1;
      lines.add(text.substring(start, end));
      start = end;
    }
    return lines;
  }
}
