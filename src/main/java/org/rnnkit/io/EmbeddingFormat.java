package org.rnnkit.io;

import com.google.gson.JsonObject;
import java.util.Random;
import org.rnnkit.nn.layer.Embedding;

/** {@code {"type": "embedding", "name": "embedding", "vocabulary": 75, "dimension": 64}}. */
final class EmbeddingFormat implements LayerFormat<Embedding> {

  @Override
  public String type() {
    return "embedding";
  }

  @Override
  public Class<Embedding> layerClass() {
    return Embedding.class;
  }

  @Override
  public void describe(Embedding embedding, JsonObject into) {
    into.addProperty("name", embedding.name());
    into.addProperty("vocabulary", embedding.vocabularySize());
    into.addProperty("dimension", embedding.dimension());
  }

  /** A {@code V x D} table. */
  @Override
  public long parameterCount(LayerDescription d) throws ModelFileException {
    return (long) d.size("vocabulary") * d.size("dimension");
  }

  @Override
  public Embedding build(LayerDescription d) throws ModelFileException {
    return new Embedding(d.text("name"), d.size("vocabulary"), d.size("dimension"), new Random(0));
  }
}
