package org.rnnkit.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.function.Function;

/**
 * The fields of one object of a file's JSON description, read one at a time with bounds: every
 * getter fails with a {@link ModelFileException} that names the place, the field, what it must be
 * and what the file holds (or that it is missing), so nothing is built from a value not checked.
 *
 * <pre>{@code
 * JsonFields arch = new JsonFields("model.json architecture", json, "train the model again");
 * int hidden = arch.count("hidden", 1, LayerDescription.MAX_SIZE);
 * double alpha = arch.number("level_alpha", 0, 1); // finite, in [0, 1]
 * }</pre>
 */
public final class JsonFields {
  private final String where;
  private final JsonObject json;
  private final String fix;

  /**
   * @param where how messages name the object, e.g. {@code model.json layer 0 (dense)}
   * @param json Not modified.
   * @param fix what the user can do about a bad field, e.g. {@code save the model again}
   */
  public JsonFields(String where, JsonObject json, String fix) {
    this.where = where;
    this.json = json;
    this.fix = fix;
  }

  /** Whether the field is present and not null. */
  public boolean has(String key) {
    JsonElement e = json.get(key);
    return e != null && !e.isJsonNull();
  }

  /** A whole number in {@code min..max}. */
  public int count(String key, int min, int max) throws ModelFileException {
    JsonElement e = field(key);
    if (isNumber(e)) {
      double v = e.getAsDouble();
      if (v == Math.rint(v) && v >= min && v <= max) {
        return (int) v;
      }
    }
    throw problem(key, "a whole number in %d..%d".formatted(min, max), e);
  }

  /**
   * A whole number of at least {@code min}, read exactly as a {@code long} (a count such as
   * PyTorch's {@code num_batches_tracked}, which is an int64).
   */
  public long longCount(String key, long min) throws ModelFileException {
    JsonElement e = field(key);
    if (isNumber(e)) {
      try {
        long v = e.getAsBigDecimal().longValueExact();
        if (v >= min) {
          return v;
        }
      } catch (ArithmeticException | NumberFormatException notWhole) {
        // falls through to the message
      }
    }
    throw problem(key, "a whole number in %d..%d".formatted(min, Long.MAX_VALUE), e);
  }

  /** A finite number in {@code [min, max]}. */
  public double number(String key, double min, double max) throws ModelFileException {
    JsonElement e = field(key);
    if (isNumber(e)) {
      double v = e.getAsDouble();
      if (Double.isFinite(v) && v >= min && v <= max) {
        return v;
      }
    }
    throw problem(key, "a finite number in [%s, %s]".formatted(min, max), e);
  }

  /** A list of {@code minLength} to {@code maxLength} finite numbers. */
  public double[] numbers(String key, int minLength, int maxLength) throws ModelFileException {
    JsonElement e = field(key);
    String expected =
        minLength == maxLength
            ? "a list of %d finite numbers".formatted(minLength)
            : "a list of %d to %d finite numbers".formatted(minLength, maxLength);
    int size = e.isJsonArray() ? e.getAsJsonArray().size() : -1;
    if (size < minLength || size > maxLength) {
      throw problem(key, expected, e);
    }
    double[] values = new double[size];
    for (int i = 0; i < values.length; i++) {
      JsonElement v = e.getAsJsonArray().get(i);
      if (!isNumber(v) || !Double.isFinite(v.getAsDouble())) {
        throw problem(key, expected + " (element %d is %s)".formatted(i, v), e);
      }
      values[i] = v.getAsDouble();
    }
    return values;
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
    if (isNumber(e)) {
      double v = e.getAsDouble();
      if (v >= 0 && v < 1) {
        return v;
      }
    }
    throw problem(key, "a number in [0, 1)", e);
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
   * {@link IllegalArgumentException} (or {@link java.time.format.DateTimeParseException}) becomes
   * this field's message.
   */
  public <T> T choice(String key, Function<String, T> parse) throws ModelFileException {
    String value = text(key);
    try {
      return parse.apply(value);
    } catch (RuntimeException e) {
      throw new ModelFileException(
          "%s: \"%s\": %s; %s".formatted(where, key, e.getMessage(), fix), e);
    }
  }

  /** The object under {@code key}, read the same way. */
  public JsonFields object(String key) throws ModelFileException {
    JsonElement e = field(key);
    if (!e.isJsonObject()) {
      throw problem(key, "an object", e);
    }
    return new JsonFields("%s \"%s\"".formatted(where, key), e.getAsJsonObject(), fix);
  }

  private static boolean isNumber(JsonElement e) {
    return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
  }

  private JsonElement field(String key) throws ModelFileException {
    JsonElement e = json.get(key);
    if (e == null || e.isJsonNull()) {
      throw new ModelFileException("%s: \"%s\" is missing; %s".formatted(where, key, fix));
    }
    return e;
  }

  private ModelFileException problem(String key, String expected, JsonElement got) {
    String text = String.valueOf(got);
    if (text.length() > 80) {
      text = text.substring(0, 77) + "...";
    }
    return new ModelFileException(
        "%s: \"%s\" must be %s, got %s; %s".formatted(where, key, expected, text, fix));
  }
}
