package org.rnnkit.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.function.Function;

/**
 * One layer's entry in a model file's layer list, read field by field with bounds: every getter
 * fails with a {@link ModelFileException} naming the layer, the field, what it must be and what the
 * file holds, so a {@link LayerFormat} never allocates from a value it has not checked.
 */
public final class LayerDescription {
  /** The largest size (features, units) a model file may describe: 2^24. */
  public static final int MAX_SIZE = 1 << 24;

  private final int index;
  private final String type;
  private final JsonObject json;

  LayerDescription(int index, String type, JsonObject json) {
    this.index = index;
    this.type = type;
    this.json = json;
  }

  /** The layer's position in the model, from 0. */
  public int index() {
    return index;
  }

  /** The layer's {@code type}, e.g. {@code dense}. */
  public String type() {
    return type;
  }

  /** Whether the entry has {@code key}: for settings added later, absent from older files. */
  public boolean has(String key) {
    JsonElement e = json.get(key);
    return e != null && !e.isJsonNull();
  }

  /** A whole number in {@code 1..MAX_SIZE}: a feature count or a number of units. */
  public int size(String key) throws ModelFileException {
    return count(key, 1, MAX_SIZE);
  }

  /** A whole number in {@code min..max}. */
  public int count(String key, int min, int max) throws ModelFileException {
    JsonElement e = field(key);
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      double v = e.getAsDouble();
      if (v == Math.rint(v) && v >= min && v <= max) {
        return (int) v;
      }
    }
    throw problem(key, "a whole number in %d..%d".formatted(min, max), e);
  }

  /** {@code true} or {@code false}. */
  public boolean flag(String key) throws ModelFileException {
    JsonElement e = field(key);
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
      return e.getAsBoolean();
    }
    throw problem(key, "true or false", e);
  }

  /** A number in {@code [0, 1)}, e.g. a dropout probability. */
  public double probability(String key) throws ModelFileException {
    JsonElement e = field(key);
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      double v = e.getAsDouble();
      if (v >= 0 && v < 1) {
        return v;
      }
    }
    throw problem(key, "a number in [0, 1)", e);
  }

  /** A finite number in {@code [min, max]}, e.g. an epsilon or a momentum. */
  public double number(String key, double min, double max) throws ModelFileException {
    JsonElement e = field(key);
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      double v = e.getAsDouble();
      if (v >= min && v <= max) {
        return v;
      }
    }
    throw problem(key, "a number in [%s, %s]".formatted(min, max), e);
  }

  /**
   * A list of exactly {@code count} finite numbers, e.g. a layer's running statistics; {@code
   * count} must already be bounded (by {@link #size}).
   */
  public double[] numbers(String key, int count) throws ModelFileException {
    JsonElement e = field(key);
    if (e.isJsonArray() && e.getAsJsonArray().size() == count) {
      double[] values = new double[count];
      for (int i = 0; i < count; i++) {
        JsonElement v = e.getAsJsonArray().get(i);
        if (!v.isJsonPrimitive()
            || !v.getAsJsonPrimitive().isNumber()
            || !Double.isFinite(v.getAsDouble())) {
          throw problem(key, "a list of %d finite numbers".formatted(count), v);
        }
        values[i] = v.getAsDouble();
      }
      return values;
    }
    throw problem(key, "a list of %d finite numbers".formatted(count), abbreviated(e));
  }

  private static JsonElement abbreviated(JsonElement e) {
    String text = e.toString();
    return text.length() <= 80
        ? e
        : new com.google.gson.JsonPrimitive(text.substring(0, 77) + "...");
  }

  /** A string. */
  public String text(String key) throws ModelFileException {
    JsonElement e = field(key);
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
      return e.getAsString();
    }
    throw problem(key, "a string", e);
  }

  /**
   * A string turned into a value by {@code parse}, e.g. {@code CellType::parse}; the parser's
   * {@link IllegalArgumentException} becomes this field's message.
   */
  public <T> T choice(String key, Function<String, T> parse) throws ModelFileException {
    String value = text(key);
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException("%s: %s".formatted(where(key), e.getMessage()), e);
    }
  }

  private JsonElement field(String key) throws ModelFileException {
    JsonElement e = json.get(key);
    if (e == null || e.isJsonNull()) {
      throw new ModelFileException(
          "%s is missing; save the model again with ModelFile.save".formatted(where(key)));
    }
    return e;
  }

  private ModelFileException problem(String key, String expected, JsonElement got) {
    return new ModelFileException(
        "%s must be %s, got %s; save the model again with ModelFile.save"
            .formatted(where(key), expected, got));
  }

  private String where(String key) {
    return "%s layer %d (%s): \"%s\"".formatted(ModelFile.MODEL_JSON, index, type, key);
  }
}
