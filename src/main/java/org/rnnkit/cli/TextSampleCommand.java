package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.rnnkit.io.ModelFile;
import org.rnnkit.io.ModelFileException;
import org.rnnkit.text.CharModel;
import org.rnnkit.text.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnkit text sample}: generates text from a model written by {@code text train}. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Generate text from a character model, one character at a time after reading the prime;"
            + " the same seed gives the same text.")
final class TextSampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "FILE",
      description = "a model file written by text train (model.npz)")
  Path model;

  @Option(
      names = "--prime",
      paramLabel = "TEXT",
      description = "text to start from (default: the one saved with the model, a line break)")
  String prime;

  @Option(
      names = "--length",
      paramLabel = "N",
      defaultValue = "500",
      description = "characters to generate (default: ${DEFAULT-VALUE})")
  int length;

  @Option(
      names = "--temperature",
      paramLabel = "T",
      defaultValue = "0.8",
      description = "below 1 safer, above 1 wilder; must be > 0 (default: ${DEFAULT-VALUE})")
  double temperature;

  @Option(
      names = "--top-k",
      paramLabel = "K",
      description = "draw only among the K likeliest characters (default: all)")
  Integer topK;

  @Mixin SeedOption seed = new SeedOption(0);

  @Override
  public Integer call() throws IOException {
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new UserError(
          "--temperature must be a positive number, got %s; use e.g. 0.8".formatted(temperature));
    }
    if (topK != null && topK < 1) {
      throw new UserError(
          "--top-k must be at least 1, got %d; leave it out to use every character"
              .formatted(topK));
    }
    if (length < 0) {
      throw new UserError("--length must be 0 or more, got " + length);
    }
    if (!Files.isRegularFile(model)) {
      throw new UserError("cannot read " + model + ": no such file; check the --model path");
    }
    CharModel m;
    String start;
    try {
      m = CharModel.load(model);
      start = prime != null ? prime : defaultPrime(model);
    } catch (ModelFileException e) { // the file the user named is not a text model
      throw new UserError(e.getMessage(), e);
    }
    if (start.isEmpty()) {
      throw new UserError("--prime must have at least one character");
    }
    Sampler sampler = new Sampler(temperature, topK == null ? m.vocabulary().size() : topK);
    String text;
    try {
      text = sampler.generate(m, start, length, new Random(seed.value()));
    } catch (IllegalArgumentException e) {
      throw new UserError("--prime: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(start + text);
    out.println();
    out.flush();
    return 0;
  }

  private static String defaultPrime(Path file) throws IOException {
    var metadata = ModelFile.read(file).metadata();
    return metadata.has("default_prime") ? metadata.get("default_prime").getAsString() : "\n";
  }
}
