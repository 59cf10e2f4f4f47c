package org.rnnkit.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.rnnkit.io.ModelFileException;
import org.rnnkit.optim.Adagrad;
import org.rnnkit.optim.Adam;
import org.rnnkit.optim.AdamW;
import org.rnnkit.optim.Optimizer;
import org.rnnkit.optim.RmsProp;
import org.rnnkit.optim.Sgd;

/**
 * An optimizer's type and hyperparameters in a checkpoint's metadata, {@code {"type": "adam",
 * "config": {"learningRate": 0.001, "beta1": 0.9, ...}}}: the components of its {@code Config}
 * record (doubles, ints and booleans) by name, so an optimizer is rebuilt with no code from the
 * caller. A new optimizer is one more {@link Kind} in {@link #KINDS}.
 */
final class OptimizerDescription {

  /** One optimizer class, its type name and its config record. */
  private record Kind<R extends Record>(
      String type,
      Class<? extends Optimizer> optimizerClass,
      Class<R> configClass,
      Function<Optimizer, R> config,
      Function<R, Optimizer> create) {}

  private static final List<Kind<?>> KINDS =
      List.of(
          new Kind<>("sgd", Sgd.class, Sgd.Config.class, o -> ((Sgd) o).config(), Sgd::new),
          new Kind<>("adam", Adam.class, Adam.Config.class, o -> ((Adam) o).config(), Adam::new),
          new Kind<>(
              "adamw", AdamW.class, Adam.Config.class, o -> ((AdamW) o).config(), AdamW::new),
          new Kind<>(
              "rmsprop",
              RmsProp.class,
              RmsProp.Config.class,
              o -> ((RmsProp) o).config(),
              RmsProp::new),
          new Kind<>(
              "adagrad",
              Adagrad.class,
              Adagrad.Config.class,
              o -> ((Adagrad) o).config(),
              Adagrad::new));

  private OptimizerDescription() {}

  /**
   * Writes {@code type} and {@code config} into {@code into}; an optimizer of another class is left
   * undescribed (its checkpoint then restores into an optimizer built in code only).
   */
  static void describe(Optimizer optimizer, JsonObject into) {
    for (Kind<?> kind : KINDS) {
      if (kind.optimizerClass().equals(optimizer.getClass())) {
        into.addProperty("type", kind.type());
        into.add("config", toJson(kind.config().apply(optimizer)));
        return;
      }
    }
  }

  /** The optimizer {@code description} names, with its configured hyperparameters. */
  static Optimizer build(Path file, JsonObject description) throws ModelFileException {
    JsonElement type = description.get("type");
    if (type == null) {
      throw new ModelFileException(
          ("%s does not name its optimizer (written before checkpoints described it, or with an"
                  + " optimizer of your own); build it in code and call Checkpoint.restore(file,"
                  + " model, optimizer)")
              .formatted(file));
    }
    for (Kind<?> kind : KINDS) {
      if (type.isJsonPrimitive() && kind.type().equals(type.getAsString())) {
        return build(file, kind, description.get("config"));
      }
    }
    throw new ModelFileException(
        "%s: unknown optimizer type %s; this rnnkit knows %s"
            .formatted(file, type, KINDS.stream().map(Kind::type).toList()));
  }

  private static <R extends Record> Optimizer build(Path file, Kind<R> kind, JsonElement json)
      throws ModelFileException {
    if (json == null || !json.isJsonObject()) {
      throw new ModelFileException(
          "%s: the %s optimizer needs a \"config\" object, got %s"
              .formatted(file, kind.type(), json));
    }
    RecordComponent[] components = kind.configClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      String name = components[i].getName();
      types[i] = components[i].getType();
      JsonElement v = json.getAsJsonObject().get(name);
      boolean ok =
          v != null
              && v.isJsonPrimitive()
              && (types[i] == boolean.class
                  ? v.getAsJsonPrimitive().isBoolean()
                  : v.getAsJsonPrimitive().isNumber());
      if (!ok) {
        throw new ModelFileException(
            "%s: the %s optimizer's \"%s\" must be a %s, got %s"
                .formatted(file, kind.type(), name, types[i], v));
      }
      values[i] =
          types[i] == boolean.class
              ? (Object) v.getAsBoolean()
              : types[i] == int.class ? (Object) v.getAsInt() : (Object) v.getAsDouble();
    }
    try {
      R config = kind.configClass().getDeclaredConstructor(types).newInstance(values);
      return kind.create().apply(config);
    } catch (InvocationTargetException e) {
      throw new ModelFileException(
          "%s: the %s optimizer's config is invalid: %s"
              .formatted(file, kind.type(), e.getCause().getMessage()),
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "config record " + kind.configClass() + " cannot be built", e);
    }
  }

  private static JsonObject toJson(Record config) {
    JsonObject json = new JsonObject();
    for (RecordComponent c : config.getClass().getRecordComponents()) {
      Object value;
      try {
        value = c.getAccessor().invoke(config);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c.getName() + " of " + config, e);
      }
      if (value instanceof Boolean b) {
        json.addProperty(c.getName(), b);
      } else {
        json.addProperty(c.getName(), (Number) value);
      }
    }
    return json;
  }
}
