package org.rnnkit.audio;

/**
 * The settings of MFCC extraction; immutable, defaults from {@link #defaults()}.
 *
 * @param sampleRate audio is resampled to this rate first, Hz (default 8000, telephone speech)
 * @param windowSeconds frame length (default 0.025)
 * @param hopSeconds frame shift (default 0.010)
 * @param preEmphasis coefficient a of {@code x[n] - a x[n-1]} (default 0.97); 0 for none
 * @param melBands filters in the mel filterbank (default 23, Kaldi's choice at 8 kHz)
 * @param lowHz lower edge of the filterbank (default 20)
 * @param highHz upper edge of the filterbank; 0 means the Nyquist frequency (default 0)
 * @param coefficients cepstral coefficients kept, c0 included (default 13)
 * @param deltaOrder 0 for the coefficients alone, 1 to add deltas, 2 to add deltas and delta-deltas
 *     (default 2)
 * @param cmvn per-utterance mean and variance normalisation of every feature (default true)
 */
public record MfccConfig(
    int sampleRate,
    double windowSeconds,
    double hopSeconds,
    double preEmphasis,
    int melBands,
    double lowHz,
    double highHz,
    int coefficients,
    int deltaOrder,
    boolean cmvn) {

  /** The regression half-width N of the deltas (HTK's DELTAWINDOW). */
  public static final int DELTA_WINDOW = 2;

  public MfccConfig {
    if (sampleRate < 1000) {
      throw new IllegalArgumentException(
          "MFCC sample rate must be at least 1000 Hz, got " + sampleRate);
    }
    if (!(windowSeconds > 0) || !(hopSeconds > 0)) {
      throw new IllegalArgumentException(
          "window and hop must be positive, got %s s and %s s"
              .formatted(windowSeconds, hopSeconds));
    }
    if (!(preEmphasis >= 0 && preEmphasis < 1)) {
      throw new IllegalArgumentException("pre-emphasis must be in [0, 1), got " + preEmphasis);
    }
    if (coefficients < 1 || coefficients > melBands) {
      throw new IllegalArgumentException(
          "coefficients must be in 1..melBands (%d), got %d".formatted(melBands, coefficients));
    }
    if (deltaOrder < 0 || deltaOrder > 2) {
      throw new IllegalArgumentException("delta order must be 0, 1 or 2, got " + deltaOrder);
    }
  }

  /** 8 kHz, 25 ms Hamming windows every 10 ms, 23 mel bands, 13 coefficients, deltas, CMVN. */
  public static MfccConfig defaults() {
    return new MfccConfig(8000, 0.025, 0.010, 0.97, 23, 20, 0, 13, 2, true);
  }

  public MfccConfig withDeltaOrder(int order) {
    return new MfccConfig(
        sampleRate,
        windowSeconds,
        hopSeconds,
        preEmphasis,
        melBands,
        lowHz,
        highHz,
        coefficients,
        order,
        cmvn);
  }

  public MfccConfig withCmvn(boolean on) {
    return new MfccConfig(
        sampleRate,
        windowSeconds,
        hopSeconds,
        preEmphasis,
        melBands,
        lowHz,
        highHz,
        coefficients,
        deltaOrder,
        on);
  }

  /** Samples per frame. */
  public int windowSamples() {
    return (int) Math.round(windowSeconds * sampleRate);
  }

  /** Samples between frame starts. */
  public int hopSamples() {
    return Math.max(1, (int) Math.round(hopSeconds * sampleRate));
  }

  /** The filterbank's upper edge in Hz. */
  public double upperHz() {
    return highHz > 0 ? highHz : sampleRate / 2.0;
  }

  /** Features per frame: {@code coefficients * (1 + deltaOrder)}. */
  public int features() {
    return coefficients * (1 + deltaOrder);
  }
}
