package org.rnnkit.speech;

import java.util.Locale;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.layer.LastStep;
import org.rnnkit.nn.layer.MeanOverSteps;

/** How the classifier turns the recurrent outputs of every frame into one vector per utterance. */
public enum Pooling {
  /** The output at each utterance's last real frame ({@link LastStep}). */
  LAST,
  /** The mean of the outputs over each utterance's real frames ({@link MeanOverSteps}). */
  MEAN;

  /** A new layer doing this pooling. */
  public Layer layer() {
    return this == LAST ? new LastStep() : new MeanOverSteps();
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code last} or {@code mean}. */
  public static Pooling parse(String text) {
    for (Pooling p : values()) {
      if (p.id().equals(text.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("pooling must be last or mean, got '" + text + "'");
  }
}
