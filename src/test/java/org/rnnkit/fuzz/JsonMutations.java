package org.rnnkit.fuzz;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Structure-aware mutations of a JSON document: a random field or element is deleted or replaced by
 * a value of another type or an extreme one (negative, huge, NaN, infinite, fractional, empty).
 */
public final class JsonMutations {
  private static final String[] VALUES = {
    "null",
    "true",
    "\"gru\"",
    "\"\"",
    "\"x\"",
    "0",
    "-1",
    "1.5",
    "1e308",
    "-1e308",
    "2147483648",
    "-2147483649",
    "4096",
    "65537",
    "1e20",
    "[]",
    "[1, 2]",
    "[\"a\"]",
    "{}",
    "{\"a\": 1}",
    "NaN",
    "Infinity",
    "-Infinity"
  };

  private JsonMutations() {}

  /** One to three edits of a copy of {@code json}, as UTF-8 bytes. */
  public static byte[] mutate(String json, Random rng) {
    JsonElement root = JsonParser.parseString(json);
    int edits = 1 + rng.nextInt(3);
    for (int e = 0; e < edits; e++) {
      List<Object[]> places = new ArrayList<>();
      collect(root, places);
      if (places.isEmpty()) {
        break;
      }
      Object[] place = places.get(rng.nextInt(places.size()));
      JsonElement value = JsonParser.parseString(VALUES[rng.nextInt(VALUES.length)]);
      boolean delete = rng.nextInt(4) == 0;
      if (place[0] instanceof JsonObject o) {
        if (delete) {
          o.remove((String) place[1]);
        } else {
          o.add((String) place[1], value);
        }
      } else if (place[0] instanceof JsonArray a) {
        int i = (Integer) place[1];
        if (delete) {
          a.remove(i);
        } else {
          a.set(i, value);
        }
      }
    }
    return new GsonBuilder()
        .serializeSpecialFloatingPointValues()
        .create()
        .toJson(root)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Every (container, key or index) of the tree. */
  private static void collect(JsonElement e, List<Object[]> places) {
    if (e.isJsonObject()) {
      for (String key : e.getAsJsonObject().keySet()) {
        places.add(new Object[] {e, key});
        collect(e.getAsJsonObject().get(key), places);
      }
    } else if (e.isJsonArray()) {
      for (int i = 0; i < e.getAsJsonArray().size(); i++) {
        places.add(new Object[] {e, i});
        collect(e.getAsJsonArray().get(i), places);
      }
    }
  }
}
