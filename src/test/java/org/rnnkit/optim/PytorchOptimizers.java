package org.rnnkit.optim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds an optimizer from a reference case's {@code optimizer} and {@code optimizer_args}, the
 * keyword arguments given to {@code torch.optim.<optimizer>}; unlisted arguments keep PyTorch's
 * defaults. Fails on an argument it does not know, so a new case cannot be half-applied.
 */
final class PytorchOptimizers {
  private PytorchOptimizers() {}

  static Optimizer create(String name, JsonObject args) {
    Set<String> unused = new HashSet<>(args.keySet());
    Args a = new Args(args, unused);
    Optimizer optimizer =
        switch (name) {
          case "SGD" ->
              new Sgd(
                  new Sgd.Config(
                      a.number("lr", Double.NaN),
                      a.number("momentum", 0),
                      a.number("dampening", 0),
                      a.flag("nesterov", false),
                      a.number("weight_decay", 0)));
          case "Adam" -> new Adam(adam(a, Adam.Config.defaults()));
          case "AdamW" -> new AdamW(adam(a, AdamW.defaults()));
          case "RMSprop" ->
              new RmsProp(
                  new RmsProp.Config(
                      a.number("lr", 1e-2),
                      a.number("alpha", 0.99),
                      a.number("eps", 1e-8),
                      a.number("weight_decay", 0),
                      a.number("momentum", 0),
                      a.flag("centered", false)));
          case "Adagrad" ->
              new Adagrad(
                  new Adagrad.Config(
                      a.number("lr", 1e-2),
                      a.number("lr_decay", 0),
                      a.number("weight_decay", 0),
                      a.number("initial_accumulator_value", 0),
                      a.number("eps", 1e-10)));
          default ->
              throw new IllegalArgumentException("no rnnkit optimizer for torch.optim." + name);
        };
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException(
          "torch.optim.%s arguments %s are not mapped; extend PytorchOptimizers"
              .formatted(name, unused));
    }
    return optimizer;
  }

  private static Adam.Config adam(Args a, Adam.Config defaults) {
    double[] betas = a.pair("betas", defaults.beta1(), defaults.beta2());
    return new Adam.Config(
        a.number("lr", defaults.learningRate()),
        betas[0],
        betas[1],
        a.number("eps", defaults.eps()),
        a.number("weight_decay", defaults.weightDecay()),
        a.flag("amsgrad", defaults.amsgrad()));
  }

  /** Reads arguments by PyTorch name, crossing each off {@code unused}. */
  private record Args(JsonObject json, Set<String> unused) {
    double number(String key, double pytorchDefault) {
      JsonElement e = take(key);
      return e == null ? pytorchDefault : e.getAsDouble();
    }

    boolean flag(String key, boolean pytorchDefault) {
      JsonElement e = take(key);
      return e == null ? pytorchDefault : e.getAsBoolean();
    }

    double[] pair(String key, double first, double second) {
      JsonElement e = take(key);
      if (e == null) {
        return new double[] {first, second};
      }
      JsonArray array = e.getAsJsonArray();
      return new double[] {array.get(0).getAsDouble(), array.get(1).getAsDouble()};
    }

    private JsonElement take(String key) {
      unused.remove(key);
      return json.get(key);
    }
  }
}
