package org.rnnkit.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.layer.BatchNorm;
import org.rnnkit.nn.layer.LayerNorm;

/**
 * A saved {@link SequenceModel}: an .npz ({@link Npz}) with one {@code <name>.npy} per parameter
 * under its PyTorch name and shape (weights {@code rows x cols}, biases 1-D {@code (n,)}), optional
 * extra arrays (e.g. optimizer state, {@code optimizer.adam.m.weight_ih_l0}), and {@code
 * model.json}:
 *
 * <pre>
 * {
 *   "format": "rnnkit-model",
 *   "format_version": 2,
 *   "model": {"layers": [{"type": "recurrent_stack", "cell": "lstm", "input_size": 1, ...},
 *                        {"type": "last_step"}, {"type": "dense", "name": "head", ...}]},
 *   "architecture": { ...as given to save... },
 *   "metadata": { ...as given to save... },
 *   "parameters": ["weight_ih_l0", ..., "head.bias"],
 *   "extras": ["optimizer.adam.m.weight_ih_l0", ...]
 * }
 * </pre>
 *
 * The two lists say which arrays are parameters, so an extra array can never be mistaken for a
 * parameter. In Python, {@code np.load(file)["head.weight"]} gives an array and {@code
 * json.loads(np.load(file)["model.json"])} the description (numpy returns entries that are not .npy
 * as bytes).
 *
 * <p>A parameter is a bias, saved 1-D, when it is {@code 1 x n} and the last dot-separated part of
 * its name starts with {@code bias} ({@code bias_ih_l0}, {@code head.bias}); everything else keeps
 * its {@code rows x cols}, so a {@code 1 x n} weight stays 2-D.
 *
 * <p>A file that describes its layers ({@code model}, written by every save whose layers all have a
 * {@link LayerFormat}) rebuilds itself:
 *
 * <pre>{@code
 * ModelFile.save(path, model);
 * SequenceModel same = ModelFile.load(path); // no code from the caller: layers, sizes, weights
 * }</pre>
 *
 * Before it allocates any layer, {@link #load(Path)} reads and bounds every field of the
 * description ({@link LayerDescription}) and checks that the layers it describes hold exactly as
 * many values as the arrays stored; then it builds the layers and checks every parameter's name and
 * shape. New layer types register in {@link LayerFormats}.
 *
 * <p>Format versions: 1 had no {@code model} entry (the caller's own {@code architecture} only);
 * such files load into a model built in code, {@link #load(Path, SequenceModel)}, as before.
 *
 * <p>Call order without a description: {@link #read} to learn the architecture, build a model from
 * it, then {@link #load(Path, SequenceModel)}. Saving is atomic (a failed save leaves an existing
 * file as it was); loading checks the whole file and every shape against the model before it
 * changes any value, so a failed load leaves the model as it was.
 *
 * <p>{@link #importStateDict} and {@link #exportStateDict} exchange plain PyTorch state_dicts saved
 * as {@code np.savez(path, **{k: v.numpy() for k, v in module.state_dict().items()})}.
 */
public final class ModelFile {
  /** The value of model.json's {@code format}. */
  public static final String FORMAT = "rnnkit-model";

  /** The model.json {@code format_version} this class writes and reads. */
  public static final int FORMAT_VERSION = 2;

  /** The most layers a model file may describe. */
  public static final int MAX_LAYERS = 4096;

  /** The name of the description entry. */
  public static final String MODEL_JSON = "model.json";

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /** What to do with arrays in the file that the model has no parameter for. */
  public enum Unknown {
    /** Fail, naming them: the file was written for a different model. */
    REJECT,
    /** Skip them, e.g. to load the recurrent layers of a model with a new head. */
    IGNORE
  }

  /**
   * A model file's content.
   *
   * @param model the layer list ({@code {"layers": [...]}}), empty when the file has none; a copy
   * @param architecture what the caller saved to rebuild the model; a copy
   * @param metadata what the caller saved alongside; a copy
   * @param parameters parameter values by name, in PyTorch shapes, in file order
   * @param extras the extra arrays by name, in file order
   */
  public record Contents(
      JsonObject model,
      JsonObject architecture,
      JsonObject metadata,
      Map<String, NdArray> parameters,
      Map<String, NdArray> extras) {
    public Contents {
      model = model.deepCopy();
      architecture = architecture.deepCopy();
      metadata = metadata.deepCopy();
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
      extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    @Override
    public JsonObject model() {
      return model.deepCopy();
    }

    @Override
    public JsonObject architecture() {
      return architecture.deepCopy();
    }

    @Override
    public JsonObject metadata() {
      return metadata.deepCopy();
    }
  }

  private ModelFile() {}

  /**
   * Saves {@code model} with the description of its layers, so that {@link #load(Path)} rebuilds
   * it; fails before writing if a layer has no format in {@link LayerFormats#builtIn()}.
   *
   * @param model Not modified.
   */
  public static void save(Path file, SequenceModel model) throws IOException {
    save(file, model, LayerFormats.builtIn());
  }

  /**
   * {@link #save(Path, SequenceModel)} with layer formats of your own.
   *
   * @param model Not modified.
   */
  public static void save(Path file, SequenceModel model, LayerFormats formats) throws IOException {
    List<String> missing = new ArrayList<>();
    JsonObject description = describe(model, formats, missing);
    if (description == null) {
      throw new IllegalArgumentException(
          ("cannot describe layer %s; register a LayerFormat for it (see LayerFormats), or save"
                  + " with an architecture of your own: ModelFile.save(path, model, architecture)")
              .formatted(String.join(", ", missing)));
    }
    write(file, model, description, new JsonObject(), new JsonObject(), Map.of());
  }

  /**
   * The layer list of {@code model}, or null when a layer has no format (each such layer is added
   * to {@code missing} as {@code "<index> (<class>)"}).
   */
  private static JsonObject describe(
      SequenceModel model, LayerFormats formats, List<String> missing) {
    JsonArray layers = new JsonArray();
    for (int i = 0; i < model.layers().size(); i++) {
      Layer layer = model.layers().get(i);
      LayerFormat<?> format = formats.forLayer(layer);
      if (format == null) {
        missing.add("%d (%s)".formatted(i, layer.getClass().getName()));
      } else {
        layers.add(LayerFormats.describe(format, layer));
      }
    }
    if (!missing.isEmpty()) {
      return null;
    }
    JsonObject description = new JsonObject();
    description.add("layers", layers);
    return description;
  }

  /**
   * Saves {@code model} with an architecture of the caller's own, no metadata and no extras; the
   * layer list is written too when every layer has a built-in format.
   */
  public static void save(Path file, SequenceModel model, JsonObject architecture)
      throws IOException {
    save(file, model, architecture, new JsonObject(), Map.of());
  }

  /**
   * Saves the model's parameters, {@code extras} and model.json to {@code file}, atomically; the
   * layer list too when every layer has a built-in format (see {@link #save(Path, SequenceModel)}).
   *
   * @param model Not modified.
   * @param architecture Not modified. Whatever the caller needs to rebuild the model.
   * @param metadata Not modified. Anything else: training settings, scalers, dates.
   * @param extras Not modified. Extra arrays by name; names must not be parameter names and follow
   *     {@link Npz#checkKey}.
   */
  public static void save(
      Path file,
      SequenceModel model,
      JsonObject architecture,
      JsonObject metadata,
      Map<String, NdArray> extras)
      throws IOException {
    if (architecture == null || metadata == null || extras == null) {
      throw new IllegalArgumentException("architecture, metadata and extras are required");
    }
    JsonObject description = describe(model, LayerFormats.builtIn(), new ArrayList<>());
    write(file, model, description, architecture, metadata, extras);
  }

  private static void write(
      Path file,
      SequenceModel model,
      JsonObject description,
      JsonObject architecture,
      JsonObject metadata,
      Map<String, NdArray> extras)
      throws IOException {
    Map<String, NdArray> arrays = parameterArrays(model);
    for (String name : extras.keySet()) {
      Npz.checkKey(name);
      if (arrays.containsKey(name)) {
        throw new IllegalArgumentException(
            "extra array %s has the name of a parameter; prefix it, e.g. optimizer.%s"
                .formatted(name, name));
      }
    }
    JsonObject json = new JsonObject();
    json.addProperty("format", FORMAT);
    json.addProperty("format_version", FORMAT_VERSION);
    if (description != null) {
      json.add("model", description);
    }
    json.add("architecture", architecture.deepCopy());
    json.add("metadata", metadata.deepCopy());
    json.add("parameters", names(arrays.keySet()));
    json.add("extras", names(extras.keySet()));
    arrays.putAll(extras);
    byte[] modelJson = GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
    Npz.write(file, arrays, Map.of(MODEL_JSON, modelJson));
  }

  /**
   * What a reader learns of a model file before it reads any array: model.json's parts (format
   * checked) and the shape of every array it lists, from the arrays' headers.
   *
   * @param model the layer list ({@code {"layers": [...]}}), empty when the file has none
   * @param architecture what the caller saved to rebuild the model
   * @param parameters the parameters' shapes by name, in the order model.json lists them
   * @param extras the extra arrays' shapes by name, in the order model.json lists them
   */
  public record Listing(
      JsonObject model,
      JsonObject architecture,
      Map<String, int[]> parameters,
      Map<String, int[]> extras) {}

  /**
   * Checks a {@link Listing} before the arrays are read: for instance that every shape is the one
   * the description implies, so that no array larger than the model it describes is allocated.
   */
  @FunctionalInterface
  public interface ListingCheck {
    /**
     * @throws ModelFileException naming the field or array that does not fit
     */
    void check(Listing listing) throws ModelFileException;
  }

  /**
   * Reads and validates a model file without a model: every entry's CRC, model.json's format and
   * version, and that the arrays it lists are there.
   *
   * @throws ModelFileException naming the problem
   */
  public static Contents read(Path file) throws IOException {
    return read(file, listing -> {});
  }

  /**
   * {@link #read(Path)} in this order, opening the archive once: model.json first (at most {@value
   * #MAX_JSON_BYTES} bytes); then the arrays it lists are matched with the archive's, and an array
   * it does not list is refused before any is read; then every listed array's header is read, the
   * values they hold together are compared with the JVM's heap, and {@code check} sees the shapes;
   * only then are the values read.
   *
   * @param check Not modified. Fails, naming the problem, when the shapes do not fit what the
   *     description implies.
   * @throws ModelFileException naming the problem
   */
  public static Contents read(Path file, ListingCheck check) throws IOException {
    try (NpzArchive npz = NpzArchive.open(file, Npz.DEFAULT_MAX_BYTES)) {
      byte[] jsonBytes = npz.file(MODEL_JSON, MAX_JSON_BYTES);
      if (jsonBytes == null) {
        throw new ModelFileException(
            ("%s has no %s, so it is not an rnnkit model file; for an .npz of a PyTorch"
                    + " state_dict use ModelFile.importStateDict")
                .formatted(file, MODEL_JSON));
      }
      JsonObject json = parseJson(file, jsonBytes);
      checkFormat(file, json);
      JsonObject description = json.has("model") ? object(file, json, "model") : new JsonObject();
      JsonObject architecture = object(file, json, "architecture");
      JsonObject metadata =
          json.has("metadata") ? object(file, json, "metadata") : new JsonObject();
      List<String> parameterNames = nameList(file, json, "parameters");
      List<String> extraNames = nameList(file, json, "extras");
      checkListed(file, npz.arrayKeys(), parameterNames, extraNames);
      Map<String, int[]> parameterShapes = shapes(npz, parameterNames);
      Map<String, int[]> extraShapes = shapes(npz, extraNames);
      checkHeap(file, parameterShapes, extraShapes);
      check.check(new Listing(description, architecture, parameterShapes, extraShapes));
      return new Contents(
          description,
          architecture,
          metadata,
          arrays(npz, parameterNames),
          arrays(npz, extraNames));
    }
  }

  /** The most bytes model.json may have: 64 MiB. */
  public static final int MAX_JSON_BYTES = 1 << 26;

  /**
   * Every archive array is listed once, as a parameter or as an extra, and every listed name is in
   * the archive.
   */
  private static void checkListed(
      Path file, List<String> stored, List<String> parameterNames, List<String> extraNames)
      throws ModelFileException {
    Set<String> parameters = uniqueNames(file, parameterNames, "parameter");
    Set<String> extras = uniqueNames(file, extraNames, "extra");
    for (String name : stored) {
      if (parameters.contains(name) && extras.contains(name)) {
        throw new ModelFileException(
            "%s: %s lists %s both as a parameter and as an extra; save the model again"
                .formatted(file, MODEL_JSON, name));
      }
      if (!parameters.contains(name) && !extras.contains(name)) {
        throw new ModelFileException(
            ("%s: array %s is listed neither under parameters nor under extras in %s; the file"
                    + " was changed by another tool, save it again with ModelFile.save")
                .formatted(file, name, MODEL_JSON));
      }
    }
    Set<String> present = new LinkedHashSet<>(stored);
    for (String name : parameterNames) {
      missingUnlessPresent(file, present, name, "parameter");
    }
    for (String name : extraNames) {
      missingUnlessPresent(file, present, name, "extra");
    }
  }

  private static Set<String> uniqueNames(Path file, List<String> names, String kind)
      throws ModelFileException {
    Set<String> unique = new LinkedHashSet<>();
    for (String name : names) {
      if (!unique.add(name)) {
        throw new ModelFileException(
            "%s: %s lists %s %s twice; save the model again"
                .formatted(file, MODEL_JSON, kind, name));
      }
    }
    return unique;
  }

  private static void missingUnlessPresent(Path file, Set<String> present, String name, String kind)
      throws ModelFileException {
    if (!present.contains(name)) {
      throw new ModelFileException(
          ("%s: %s lists %s %s but the file has no %s.npy; the file is incomplete, save the"
                  + " model again")
              .formatted(file, MODEL_JSON, kind, name, name));
    }
  }

  private static Map<String, int[]> shapes(NpzArchive npz, List<String> names) throws IOException {
    Map<String, int[]> shapes = new LinkedHashMap<>();
    for (String name : names) {
      shapes.put(name, npz.shape(name));
    }
    return shapes;
  }

  private static Map<String, NdArray> arrays(NpzArchive npz, List<String> names)
      throws IOException {
    Map<String, NdArray> arrays = new LinkedHashMap<>();
    for (String name : names) {
      arrays.put(name, npz.array(name));
    }
    return arrays;
  }

  /**
   * The values listed, held twice while loading (as arrays and in the model), must fit in half the
   * JVM's maximum heap.
   */
  private static void checkHeap(Path file, Map<String, int[]> parameters, Map<String, int[]> extras)
      throws ModelFileException {
    long values = 0;
    for (Map<String, int[]> shapes : List.of(parameters, extras)) {
      for (int[] shape : shapes.values()) {
        long count = 1;
        for (int d : shape) {
          count *= d; // each array holds at most 2^31 values: Npy checked
        }
        values += count;
      }
    }
    long needed = 2 * Double.BYTES * values;
    long heap = Runtime.getRuntime().maxMemory();
    if (needed > heap / 2) {
      throw new ModelFileException(
          ("%s holds %d values, %d MiB as arrays and again in the model, more than half the"
                  + " JVM's maximum heap of %d MiB; run java with a larger -Xmx if the file is"
                  + " trusted")
              .formatted(file, values, needed >> 20, heap >> 20));
    }
  }

  /**
   * Rebuilds the model a file describes (written by {@link #save(Path, SequenceModel)}) with its
   * weights; the description is checked before anything is allocated (see the class comment).
   *
   * @throws ModelFileException naming the layer and field, or the parameter, that is wrong
   */
  public static SequenceModel load(Path file) throws IOException {
    return load(file, LayerFormats.builtIn());
  }

  /** {@link #load(Path)} with layer formats of your own. */
  public static SequenceModel load(Path file, LayerFormats formats) throws IOException {
    Contents contents =
        read(
            file,
            listing ->
                describe(file, listing.model(), formats)
                    .checkStored(
                        file,
                        listing.parameters().values().stream().mapToLong(ModelFile::count).sum(),
                        listing.parameters().size()));
    SequenceModel model = build(file, contents, formats);
    copyInto(file, contents.parameters(), model, Unknown.REJECT);
    return model;
  }

  /**
   * Copies the parameters of {@code contents}, read from {@code file} (named in messages), into
   * {@code model} as {@link #load(Path, SequenceModel)} does, without reading the file again.
   *
   * @param model Modified: every parameter value, and only when every one fits.
   * @throws ModelFileException listing every missing, mis-shaped, non-finite or unknown parameter
   */
  public static void copyParameters(Path file, Contents contents, SequenceModel model)
      throws ModelFileException {
    copyInto(file, contents.parameters(), model, Unknown.REJECT);
  }

  private static long count(int[] shape) {
    long count = 1;
    for (int d : shape) {
      count *= d;
    }
    return count;
  }

  /**
   * The model {@code contents} describes, with fresh weights: every field is read and bounded and
   * the described parameter count compared with the arrays stored before any layer is built.
   *
   * @param file for messages only
   * @throws ModelFileException when the file has no layer list or it does not fit the arrays
   */
  public static SequenceModel build(Path file, Contents contents, LayerFormats formats)
      throws ModelFileException {
    Described described = describe(file, contents.model(), formats);
    described.checkStored(
        file,
        contents.parameters().values().stream().mapToLong(NdArray::size).sum(),
        contents.parameters().size());
    List<Layer> layers = new ArrayList<>();
    try {
      for (int i = 0; i < described.descriptions().size(); i++) {
        layers.add(described.formats().get(i).build(described.descriptions().get(i)));
      }
      return new SequenceModel(layers);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(
          "%s: the layers %s describes cannot be built: %s"
              .formatted(file, MODEL_JSON, e.getMessage()),
          e);
    }
  }

  /** A layer list read and bounded: each layer's format and description, and their values. */
  private record Described(
      List<LayerFormat<?>> formats, List<LayerDescription> descriptions, long values) {
    /** Fails unless the arrays stored hold exactly the values described. */
    void checkStored(Path file, long stored, int arrays) throws ModelFileException {
      if (values != stored) {
        throw new ModelFileException(
            ("%s: the layers %s describes hold %d parameter values, but the file stores %d in"
                    + " %d arrays; the description does not match the weights (was model.json"
                    + " edited?), save the model again")
                .formatted(file, MODEL_JSON, values, stored, arrays));
      }
    }
  }

  private static Described describe(Path file, JsonObject model, LayerFormats formats)
      throws ModelFileException {
    JsonElement list = model.get("layers");
    if (list == null) {
      throw new ModelFileException(
          ("%s does not describe its layers (written with format_version 1, or with a layer no"
                  + " LayerFormat knows); build the model in code and call ModelFile.load(file,"
                  + " model)")
              .formatted(file));
    }
    if (!list.isJsonArray()
        || list.getAsJsonArray().isEmpty()
        || list.getAsJsonArray().size() > MAX_LAYERS) {
      throw new ModelFileException(
          "%s: %s needs a list of 1 to %d layers under model.layers, got %s; save the model again"
              .formatted(file, MODEL_JSON, MAX_LAYERS, abbreviate(list)));
    }
    List<LayerFormat<?>> formatList = new ArrayList<>();
    List<LayerDescription> descriptions = new ArrayList<>();
    long described = 0;
    for (JsonElement e : list.getAsJsonArray()) {
      int index = descriptions.size();
      JsonElement type = e.isJsonObject() ? e.getAsJsonObject().get("type") : null;
      if (type == null || !type.isJsonPrimitive() || !type.getAsJsonPrimitive().isString()) {
        throw new ModelFileException(
            "%s: %s layer %d needs a \"type\" string, got %s; save the model again"
                .formatted(file, MODEL_JSON, index, abbreviate(e)));
      }
      LayerFormat<?> format = formats.forType(type.getAsString());
      if (format == null) {
        throw new ModelFileException(
            ("%s: %s layer %d has type %s, which this rnnkit does not know (it knows %s); register"
                    + " a LayerFormat for it")
                .formatted(file, MODEL_JSON, index, type, formats.types()));
      }
      LayerDescription d = new LayerDescription(index, format.type(), e.getAsJsonObject());
      try {
        described = Math.addExact(described, format.parameterCount(d));
      } catch (ArithmeticException overflow) {
        described = Long.MAX_VALUE;
      }
      formatList.add(format);
      descriptions.add(d);
    }
    return new Described(formatList, descriptions, described);
  }

  private static String abbreviate(JsonElement e) {
    String s = String.valueOf(e);
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** {@link #load(Path, SequenceModel, Unknown)} rejecting unknown parameters. */
  public static Contents load(Path file, SequenceModel model) throws IOException {
    return load(file, model, Unknown.REJECT);
  }

  /**
   * Reads {@code file} ({@link #read}) and copies its parameters into {@code model}, after checking
   * that every model parameter is present with its shape.
   *
   * @param model Modified: every parameter value, and only when the whole file is valid.
   * @param unknown what to do with file parameters the model lacks
   * @return the file's content, for its architecture, metadata and extras
   * @throws ModelFileException listing every missing, mis-shaped or unknown parameter
   */
  public static Contents load(Path file, SequenceModel model, Unknown unknown) throws IOException {
    Contents contents = read(file);
    copyInto(file, contents.parameters(), model, unknown);
    return contents;
  }

  /**
   * Copies a PyTorch state_dict saved with {@code np.savez(path, **{k: v.numpy() for k, v in
   * module.state_dict().items()})} into {@code model}: names must match the model's exactly, 1-D
   * biases, and a batch or layer norm's 1-D weight, fill the {@code 1 x n} rows, {@code float32} is
   * widened exactly. Entries that are not .npy arrays are ignored; every array must be a model
   * parameter, or a {@link org.rnnkit.nn.layer.BatchNorm}'s running statistics ({@code
   * <name>.running_mean}, {@code .running_var}, {@code .num_batches_tracked}, see {@link
   * RunningStatistics}), which must all be present.
   *
   * @param model Modified: every parameter value and running statistic, and only when the whole
   *     file is valid.
   */
  public static void importStateDict(Path npz, SequenceModel model) throws IOException {
    Map<String, NdArray> arrays = new LinkedHashMap<>(Npz.read(npz).arrays());
    List<Runnable> statistics = RunningStatistics.take(npz, arrays, model);
    Set<Parameter> vectors = normParameters(model);
    copyInto(npz, arrays, model, Unknown.REJECT, p -> stateDictShape(p, vectors));
    statistics.forEach(Runnable::run);
  }

  /**
   * Writes the model's parameters, and its batch norms' running statistics, as {@code np.savez}
   * would write its state_dict, with no model.json, so that {@code dict(np.load(path))} has exactly
   * the state_dict's keys and {@code module.load_state_dict({k: torch.from_numpy(v) for k, v in
   * np.load(path).items()})} works with strict checking.
   *
   * @param model Not modified.
   */
  public static void exportStateDict(SequenceModel model, Path npz) throws IOException {
    Npz.write(npz, stateDict(model));
  }

  /** Every parameter's value in its PyTorch shape, in model order (model.json holds the rest). */
  private static Map<String, NdArray> parameterArrays(SequenceModel model) {
    Map<String, NdArray> arrays = new LinkedHashMap<>();
    for (Parameter p : model.parameters()) {
      Npz.checkKey(p.name());
      arrays.put(p.name(), ParameterArrays.toArray(p));
    }
    return arrays;
  }

  /**
   * {@link #parameterArrays} with every batch norm's running statistics after its parameters, as
   * PyTorch orders a state_dict.
   */
  private static Map<String, NdArray> stateDict(SequenceModel model) {
    Map<String, NdArray> arrays = new LinkedHashMap<>();
    Set<Parameter> vectors = normParameters(model);
    for (Layer layer : model.layers()) {
      for (Parameter p : layer.parameters()) {
        Npz.checkKey(p.name());
        arrays.put(p.name(), new NdArray(stateDictShape(p, vectors), p.value().data.clone()));
      }
      RunningStatistics.export(layer, arrays);
    }
    return arrays;
  }

  /** The parameters of the normalisation layers: 1-D in a PyTorch state_dict. */
  private static Set<Parameter> normParameters(SequenceModel model) {
    Set<Parameter> vectors = new HashSet<>();
    for (Layer layer : model.layers()) {
      if (layer instanceof BatchNorm || layer instanceof LayerNorm) {
        vectors.addAll(layer.parameters());
      }
    }
    return vectors;
  }

  private static int[] stateDictShape(Parameter p, Set<Parameter> vectors) {
    return vectors.contains(p) ? ParameterArrays.vectorShape(p) : ParameterArrays.pytorchShape(p);
  }

  /** Checks names and shapes of all parameters, then copies; nothing changes when a check fails. */
  private static void copyInto(
      Path file, Map<String, NdArray> arrays, SequenceModel model, Unknown unknown)
      throws ModelFileException {
    copyInto(file, arrays, model, unknown, ParameterArrays::pytorchShape);
  }

  /** {@link #copyInto} with each parameter's expected shape given by {@code shapes}. */
  private static void copyInto(
      Path file,
      Map<String, NdArray> arrays,
      SequenceModel model,
      Unknown unknown,
      Function<Parameter, int[]> shapes)
      throws ModelFileException {
    List<String> problems = new ArrayList<>();
    Set<String> modelNames = new LinkedHashSet<>();
    for (Parameter p : model.parameters()) {
      modelNames.add(p.name());
      int[] expected = shapes.apply(p);
      NdArray array = arrays.get(p.name());
      if (array == null) {
        problems.add(
            "parameter %s %s is missing from the file"
                .formatted(p.name(), NdArray.shapeString(expected)));
      } else if (!array.hasShape(expected)) {
        problems.add(
            "parameter %s: the model has shape %s, the file %s"
                .formatted(p.name(), NdArray.shapeString(expected), array.shapeString()));
      } else {
        int bad = firstNonFinite(array.data());
        if (bad >= 0) {
          problems.add(
              "parameter %s holds %s at flat index %d; a model file holds finite weights only"
                  .formatted(p.name(), array.data()[bad], bad));
        }
      }
    }
    List<String> extra = arrays.keySet().stream().filter(n -> !modelNames.contains(n)).toList();
    if (!extra.isEmpty() && unknown == Unknown.REJECT) {
      problems.add("the file has parameters the model lacks: " + extra);
    }
    if (!problems.isEmpty()) {
      throw new ModelFileException(
          ("cannot load %s into the model, which was left unchanged:%n  - %s%nbuild the model from"
                  + " the architecture the file was saved with%s")
              .formatted(
                  file,
                  String.join("%n  - ".formatted(), problems),
                  extra.isEmpty() ? "" : ", or pass Unknown.IGNORE to skip unknown parameters"));
    }
    for (Parameter p : model.parameters()) {
      p.set(arrays.get(p.name()).data());
    }
  }

  private static int firstNonFinite(double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  private static JsonObject parseJson(Path file, byte[] bytes) throws ModelFileException {
    try {
      JsonElement element = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
      if (element.isJsonObject()) {
        return element.getAsJsonObject();
      }
    } catch (JsonParseException e) {
      throw new ModelFileException(
          "%s: %s is not valid JSON (%s); save the model again"
              .formatted(file, MODEL_JSON, e.getMessage()),
          e);
    }
    throw new ModelFileException(
        "%s: %s must hold a JSON object; save the model again".formatted(file, MODEL_JSON));
  }

  private static void checkFormat(Path file, JsonObject json) throws ModelFileException {
    JsonElement format = json.get("format");
    if (format == null || !format.equals(new JsonPrimitive(FORMAT))) {
      throw new ModelFileException(
          "%s: %s has format %s, expected \"%s\"; this is not an rnnkit model file"
              .formatted(file, MODEL_JSON, format, FORMAT));
    }
    JsonElement version = json.get("format_version");
    if (version == null
        || !version.isJsonPrimitive()
        || !version.getAsJsonPrimitive().isNumber()
        || version.getAsDouble() != Math.rint(version.getAsDouble())) {
      throw new ModelFileException(
          "%s: %s needs an integer format_version, got %s; save the model again"
              .formatted(file, MODEL_JSON, version));
    }
    double v = version.getAsDouble();
    if (v > FORMAT_VERSION) {
      throw new ModelFileException(
          ("%s was written with model file format_version %s, this rnnkit reads version %d;"
                  + " upgrade rnnkit")
              .formatted(file, version, FORMAT_VERSION));
    }
    if (v < 1) {
      throw new ModelFileException(
          "%s has model file format_version %s, which does not exist; versions 1 to %d are defined"
              .formatted(file, version, FORMAT_VERSION));
    }
  }

  private static JsonObject object(Path file, JsonObject json, String key)
      throws ModelFileException {
    JsonElement value = json.get(key);
    if (value == null || !value.isJsonObject()) {
      throw new ModelFileException(
          "%s: %s needs a JSON object under \"%s\", got %s; save the model again"
              .formatted(file, MODEL_JSON, key, value));
    }
    return value.getAsJsonObject();
  }

  private static List<String> nameList(Path file, JsonObject json, String key)
      throws ModelFileException {
    JsonElement value = json.get(key);
    List<String> names = new ArrayList<>();
    if (value != null && value.isJsonArray()) {
      for (JsonElement e : value.getAsJsonArray()) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
          names = null;
          break;
        }
        names.add(e.getAsString());
      }
    }
    if (value == null || !value.isJsonArray() || names == null) {
      throw new ModelFileException(
          "%s: %s needs a list of array names under \"%s\", got %s; save the model again"
              .formatted(file, MODEL_JSON, key, value));
    }
    return names;
  }

  private static JsonArray names(Set<String> names) {
    JsonArray array = new JsonArray();
    names.forEach(array::add);
    return array;
  }
}
