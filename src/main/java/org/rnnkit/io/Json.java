package org.rnnkit.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON writer of rnnkit's outputs: maps, lists, records of numbers and strings, arrays and
 * Gson trees to JSON, written atomically ({@link AtomicFile}). One policy for the numbers JSON
 * cannot hold: NaN and the infinities are written as {@code null} (a reader sees "undefined", never
 * an invalid file).
 */
public final class Json {
  private static final TypeAdapter<Double> FINITE_OR_NULL =
      new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
          if (value == null || !Double.isFinite(value)) {
            out.nullValue();
          } else {
            out.value(value.doubleValue());
          }
        }

        @Override
        public Double read(JsonReader in) {
          throw new UnsupportedOperationException("Json writes only");
        }
      };

  private static final Gson PRETTY = builder().setPrettyPrinting().create();
  private static final Gson COMPACT = builder().create();

  private Json() {}

  private static GsonBuilder builder() {
    return new GsonBuilder()
        .serializeNulls()
        .registerTypeAdapter(Double.class, FINITE_OR_NULL)
        .registerTypeAdapter(double.class, FINITE_OR_NULL);
  }

  /**
   * {@code value} as indented JSON, ending with a newline, into {@code file} atomically.
   *
   * @param value Not modified.
   */
  public static void write(Path file, Object value) throws IOException {
    AtomicFile.writeString(file, PRETTY.toJson(finite(value)) + "\n");
  }

  /** {@code value} as JSON on one line (no newline), for line-per-record output. */
  public static String line(Object value) {
    return COMPACT.toJson(finite(value));
  }

  /**
   * {@code value} with the Gson trees in it (at the top, or inside maps and lists) copied with
   * their non-finite numbers as null: Gson writes trees with its own adapter, which the number
   * adapter does not reach.
   */
  private static Object finite(Object value) {
    if (value instanceof JsonElement tree) {
      return finiteTree(tree);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, finite(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(finite(v)));
      return copy;
    }
    return value;
  }

  /** A copy of a Gson tree with its non-finite numbers replaced by null. */
  private static JsonElement finiteTree(JsonElement e) {
    if (e.isJsonPrimitive()) {
      JsonPrimitive p = e.getAsJsonPrimitive();
      return p.isNumber() && !Double.isFinite(p.getAsDouble()) ? JsonNull.INSTANCE : p;
    }
    if (e.isJsonArray()) {
      JsonArray out = new JsonArray();
      e.getAsJsonArray().forEach(x -> out.add(finiteTree(x)));
      return out;
    }
    if (e.isJsonObject()) {
      JsonObject out = new JsonObject();
      e.getAsJsonObject().entrySet().forEach(x -> out.add(x.getKey(), finiteTree(x.getValue())));
      return out;
    }
    return e;
  }
}
