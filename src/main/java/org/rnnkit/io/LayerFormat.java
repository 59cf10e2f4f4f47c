package org.rnnkit.io;

import com.google.gson.JsonObject;
import org.rnnkit.nn.Layer;

/**
 * How one layer class is written into and rebuilt from a model file's layer list ({@link
 * ModelFile#save(java.nio.file.Path, org.rnnkit.nn.SequenceModel)}): its settings, not its weights
 * (those are the file's arrays). {@link LayerFormats} lists the formats a file may use.
 *
 * <p>Loading calls {@link #parameterCount} for every layer first and compares the total with the
 * arrays stored, then {@link #build}; so {@code parameterCount} must read and bound every field
 * that sizes an allocation, without allocating, and {@code build} may trust them.
 *
 * <p>A format for a new layer, e.g. an embedding table {@code V x E} named {@code <name>.weight}:
 *
 * <pre>{@code
 * final class EmbeddingFormat implements LayerFormat<Embedding> {
 *   public String type() { return "embedding"; }
 *   public Class<Embedding> layerClass() { return Embedding.class; }
 *   public void describe(Embedding e, JsonObject into) {
 *     into.addProperty("name", e.name());
 *     into.addProperty("vocabulary", e.vocabularySize());
 *     into.addProperty("dimension", e.dimension());
 *   }
 *   public long parameterCount(LayerDescription d) throws ModelFileException {
 *     return (long) d.size("vocabulary") * d.size("dimension");
 *   }
 *   public Embedding build(LayerDescription d) throws ModelFileException {
 *     return new Embedding(d.text("name"), d.size("vocabulary"), d.size("dimension"), new Random(0));
 *   }
 * }
 * }</pre>
 *
 * @param <L> the layer class
 */
public interface LayerFormat<L extends Layer> {

  /** The {@code type} written in model.json, e.g. {@code dense}; lower case with underscores. */
  String type();

  /** The exact class of the layers this format writes. */
  Class<L> layerClass();

  /**
   * Writes the layer's settings.
   *
   * @param layer Not modified.
   * @param into Modified: receives one property per setting (the {@code type} is added for you).
   */
  void describe(L layer, JsonObject into);

  /**
   * How many parameter values a layer so described holds, from the description alone (no
   * allocation); reads and bounds every size field through {@code d}.
   */
  long parameterCount(LayerDescription d) throws ModelFileException;

  /** A new layer as described; its weights are then overwritten by the file's. */
  L build(LayerDescription d) throws ModelFileException;
}
