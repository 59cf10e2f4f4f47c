package org.rnnkit.io;

import com.google.gson.JsonObject;
import java.util.function.Function;

/**
 * One layer's entry in a model file's layer list, read field by field with bounds ({@link
 * JsonFields}): every getter fails with a {@link ModelFileException} naming the layer, the field,
 * what it must be and what the file holds, so a {@link LayerFormat} never allocates from a value it
 * has not checked.
 */
public final class LayerDescription {
  /** The largest size (features, units) a model file may describe: 2^24. */
  public static final int MAX_SIZE = 1 << 24;

  private final int index;
  private final String type;
  private final JsonFields fields;

  LayerDescription(int index, String type, JsonObject json) {
    this.index = index;
    this.type = type;
    this.fields =
        new JsonFields(
            "%s layer %d (%s)".formatted(ModelFile.MODEL_JSON, index, type),
            json,
            "save the model again with ModelFile.save");
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
    return fields.has(key);
  }

  /** A whole number in {@code 1..MAX_SIZE}: a feature count or a number of units. */
  public int size(String key) throws ModelFileException {
    return count(key, 1, MAX_SIZE);
  }

  /** A whole number in {@code min..max}. */
  public int count(String key, int min, int max) throws ModelFileException {
    return fields.count(key, min, max);
  }

  /** A whole number of at least {@code min}, read exactly as a {@code long}. */
  public long longCount(String key, long min) throws ModelFileException {
    return fields.longCount(key, min);
  }

  /**
   * A positive finite number, e.g. a normalisation layer's epsilon: the range its constructor
   * accepts, so a layer that saves also loads.
   */
  public double positive(String key) throws ModelFileException {
    return fields.number(key, Double.MIN_VALUE, Double.MAX_VALUE);
  }

  /** {@code true} or {@code false}. */
  public boolean flag(String key) throws ModelFileException {
    return fields.flag(key);
  }

  /** A number in {@code [0, 1)}, e.g. a dropout probability. */
  public double probability(String key) throws ModelFileException {
    return fields.probability(key);
  }

  /** A finite number in {@code [min, max]}, e.g. an epsilon or a momentum. */
  public double number(String key, double min, double max) throws ModelFileException {
    return fields.number(key, min, max);
  }

  /**
   * A list of exactly {@code count} finite numbers, e.g. a layer's running statistics; {@code
   * count} must already be bounded (by {@link #size}).
   */
  public double[] numbers(String key, int count) throws ModelFileException {
    return fields.numbers(key, count, count);
  }

  /** A string. */
  public String text(String key) throws ModelFileException {
    return fields.text(key);
  }

  /**
   * A string turned into a value by {@code parse}, e.g. {@code CellType::parse}; the parser's
   * {@link IllegalArgumentException} becomes this field's message.
   */
  public <T> T choice(String key, Function<String, T> parse) throws ModelFileException {
    return fields.choice(key, parse);
  }
}
