package org.rnnkit.reference;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.rnnkit.nn.Sequence;

/**
 * Loads the PyTorch reference cases (format: reference/pytorch/FORMAT.md in the test resources):
 * every {@code *.json} in the bundled resource folder, plus every one in the folder named by the
 * system property {@code rnnkit.reference.dir} when it is set.
 */
public final class ReferenceCases {
  private ReferenceCases() {}

  /** One case file: its name and parsed content. */
  public record Case(String name, Path file, JsonObject json) {
    public String kind() {
      return json.get("kind").getAsString();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Every case of the given kind ("module", "optimizer", "layer" or "loss"), sorted by file name.
   */
  public static List<Case> ofKind(String kind) {
    List<Path> files = new ArrayList<>(listJson(bundledFolder()));
    String extra = System.getProperty("rnnkit.reference.dir", "");
    if (!extra.isBlank()) {
      Path dir = Path.of(extra);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(
            "rnnkit.reference.dir=" + extra + " is not a folder; point it at a folder of *.json");
      }
      files.addAll(listJson(dir));
    }
    List<Case> cases = new ArrayList<>();
    for (Path file : files) {
      JsonObject json = parse(file);
      Case c = new Case(json.get("name").getAsString(), file, json);
      if (c.kind().equals(kind)) {
        cases.add(c);
      }
    }
    return cases;
  }

  private static Path bundledFolder() {
    URL url = ReferenceCases.class.getResource("/reference/pytorch");
    if (url == null) {
      throw new IllegalStateException("test resources lack reference/pytorch");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> listJson(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject parse(Path file) {
    try {
      return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A nested list of any depth, flattened row-major. */
  public static double[] flat(JsonElement e) {
    List<Double> out = new ArrayList<>();
    flatten(e, out);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void flatten(JsonElement e, List<Double> out) {
    if (e.isJsonArray()) {
      for (JsonElement child : e.getAsJsonArray()) {
        flatten(child, out);
      }
    } else {
      out.add(e.getAsDouble());
    }
  }

  /** A {@code B x T x F} batch-first list as a {@link Sequence}. */
  public static Sequence sequence(JsonElement e) {
    JsonArray batch = e.getAsJsonArray();
    double[][][] x = new double[batch.size()][][];
    for (int b = 0; b < x.length; b++) {
      JsonArray steps = batch.get(b).getAsJsonArray();
      x[b] = new double[steps.size()][];
      for (int t = 0; t < x[b].length; t++) {
        x[b][t] = flat(steps.get(t));
      }
    }
    return Sequence.fromBatchFirst(x);
  }

  /** Entry {@code index} of an {@code N x B x H} list as a {@code B x H} matrix. */
  public static DMatrixRMaj slice(JsonElement e, int index) {
    JsonArray rows = e.getAsJsonArray().get(index).getAsJsonArray();
    int cols = rows.get(0).getAsJsonArray().size();
    return new DMatrixRMaj(rows.size(), cols, true, flat(rows));
  }
}
