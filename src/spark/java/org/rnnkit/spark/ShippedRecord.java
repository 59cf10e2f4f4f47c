package org.rnnkit.spark;

import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * A record of settings (e.g. {@link org.rnnkit.forecast.catalogue.GlobalConfig}) in a form Spark
 * can ship: its class and its components' values, rebuilt on an executor by the canonical
 * constructor (which checks them again). Every component must be serializable (numbers, enums,
 * strings).
 */
final class ShippedRecord<R extends Record> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Class<R> type;
  private final Object[] components;

  private ShippedRecord(Class<R> type, Object[] components) {
    this.type = type;
    this.components = components;
  }

  @SuppressWarnings("unchecked")
  static <R extends Record> ShippedRecord<R> of(R record) {
    RecordComponent[] parts = record.getClass().getRecordComponents();
    Object[] values = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = parts[i].getAccessor().invoke(record);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + parts[i].getName(), e);
      }
      if (values[i] != null && !(values[i] instanceof Serializable)) {
        throw new IllegalArgumentException(
            "%s's component %s (%s) is not serializable"
                .formatted(record.getClass().getSimpleName(), parts[i].getName(), values[i]));
      }
    }
    return new ShippedRecord<>((Class<R>) record.getClass(), values);
  }

  /** The record, rebuilt. */
  R get() {
    Class<?>[] types =
        Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
    try {
      Constructor<R> canonical = type.getDeclaredConstructor(types);
      return canonical.newInstance(components);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot rebuild a " + type.getSimpleName(), e);
    }
  }
}
