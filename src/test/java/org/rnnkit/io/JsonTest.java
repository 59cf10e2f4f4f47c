package org.rnnkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one JSON writer: valid JSON whatever the numbers, non-finite ones as null, atomic. */
class JsonTest {
  @TempDir Path dir;

  @Test
  void nonFiniteNumbersBecomeNullEverywhere() throws IOException {
    JsonObject tree = new JsonObject();
    tree.addProperty("nan", Double.NaN);
    tree.addProperty("one", 1.5);
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("array", new double[] {1, Double.NaN, Double.POSITIVE_INFINITY});
    value.put("boxed", List.of(Double.NEGATIVE_INFINITY, 2.0));
    value.put("matrix", new double[][] {{Double.NaN}, {3}});
    value.put("tree", tree);
    value.put("text", "NaN stays a word");
    Path file = dir.resolve("out.json");
    Json.write(file, value);
    String text = Files.readString(file);
    assertTrue(text.endsWith("}\n"), text);
    JsonObject read = JsonParser.parseString(text).getAsJsonObject();
    assertEquals("[1.0,null,null]", read.get("array").toString());
    assertEquals("[null,2.0]", read.get("boxed").toString());
    assertEquals("[[null],[3.0]]", read.get("matrix").toString());
    assertEquals("{\"nan\":null,\"one\":1.5}", read.get("tree").toString());
    assertEquals("NaN stays a word", read.get("text").getAsString());
    assertEquals("{\"x\":null}", Json.line(Map.of("x", Double.NaN)));
  }

  @Test
  void writesAtomicallyLeavingNoTemporaryFile() throws IOException {
    Path file = dir.resolve("a.json");
    Json.write(file, Map.of("k", 1));
    Json.write(file, Map.of("k", 2));
    assertEquals(
        2, JsonParser.parseString(Files.readString(file)).getAsJsonObject().get("k").getAsInt());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }
}
