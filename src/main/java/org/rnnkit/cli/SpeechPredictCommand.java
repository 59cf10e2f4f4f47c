package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rnnkit.audio.Audio;
import org.rnnkit.audio.WavReader;
import org.rnnkit.speech.WordClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnnkit speech predict}: the most probable word of each recording. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print the most probable word of each WAV recording and its probability, one line per file:"
          + " file, word, probability (tab-separated)."
    })
final class SpeechPredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      required = true,
      description = "a model file written by speech train (model.npz)")
  Path model;

  @Parameters(paramLabel = "FILE.wav", arity = "1..*", description = "recordings (PCM WAV)")
  List<Path> files;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(model)) {
      throw new UserError("cannot read " + model + ": no such file; check the --model path");
    }
    WordClassifier classifier = WordClassifier.load(model);
    List<Audio> recordings = new ArrayList<>();
    for (Path f : files) {
      recordings.add(SpeechTrainCommand.asUserError(() -> WavReader.read(f)));
    }
    List<WordClassifier.Prediction> predictions = classifier.predict(recordings);
    PrintWriter out = spec.commandLine().getOut();
    for (int i = 0; i < files.size(); i++) {
      var p = predictions.get(i);
      out.printf(Locale.ROOT, "%s\t%s\t%.4f%n", files.get(i), p.label(), p.probability());
    }
    out.flush();
    return 0;
  }
}
