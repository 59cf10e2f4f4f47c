package org.rnnkit.spark;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A supplier Spark can ship to the executors: how to build a model's replica or its loss there
 * (rnnkit's models are not serializable; their structure is rebuilt and the weights broadcast). A
 * lambda typed as this is serializable when everything it captures is.
 */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {}
