package org.rnnkit.audio;

/**
 * The settings of MFCC extraction; immutable, made by a {@link Builder} that starts from the
 * defaults (8 kHz, 25 ms Hamming windows every 10 ms, 23 mel bands, 13 coefficients, deltas, CMVN):
 * {@code MfccConfig.builder().deltaOrder(0).build()}. Checked when made.
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
    double nyquist = sampleRate / 2.0;
    if (!(lowHz >= 0)
        || !(highHz >= 0)
        || highHz > nyquist
        || lowHz >= (highHz > 0 ? highHz : nyquist)) {
      throw new IllegalArgumentException(
          "the filterbank needs 0 <= lowHz < highHz <= %s Hz (highHz 0: %s Hz), got %s and %s"
              .formatted(nyquist, nyquist, lowHz, highHz));
    }
  }

  /** Every setting at its default. */
  public static MfccConfig defaults() {
    return builder().build();
  }

  /** A builder with every setting at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with every setting as in this config. */
  public Builder toBuilder() {
    return builder()
        .sampleRate(sampleRate)
        .windowSeconds(windowSeconds)
        .hopSeconds(hopSeconds)
        .preEmphasis(preEmphasis)
        .melBands(melBands)
        .lowHz(lowHz)
        .highHz(highHz)
        .coefficients(coefficients)
        .deltaOrder(deltaOrder)
        .cmvn(cmvn);
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

  /**
   * Collects settings, each starting at its default (see {@link MfccConfig}); {@link #build} checks
   * them.
   */
  public static final class Builder {
    private int sampleRate = 8000;
    private double windowSeconds = 0.025;
    private double hopSeconds = 0.010;
    private double preEmphasis = 0.97;
    private int melBands = 23;
    private double lowHz = 20;
    private double highHz = 0;
    private int coefficients = 13;
    private int deltaOrder = 2;
    private boolean cmvn = true;

    private Builder() {}

    public Builder sampleRate(int v) {
      sampleRate = v;
      return this;
    }

    public Builder windowSeconds(double v) {
      windowSeconds = v;
      return this;
    }

    public Builder hopSeconds(double v) {
      hopSeconds = v;
      return this;
    }

    public Builder preEmphasis(double v) {
      preEmphasis = v;
      return this;
    }

    public Builder melBands(int v) {
      melBands = v;
      return this;
    }

    public Builder lowHz(double v) {
      lowHz = v;
      return this;
    }

    public Builder highHz(double v) {
      highHz = v;
      return this;
    }

    public Builder coefficients(int v) {
      coefficients = v;
      return this;
    }

    public Builder deltaOrder(int v) {
      deltaOrder = v;
      return this;
    }

    public Builder cmvn(boolean v) {
      cmvn = v;
      return this;
    }

    /**
     * The config of these settings.
     *
     * @throws IllegalArgumentException naming the first setting that is missing or out of range
     */
    public MfccConfig build() {
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
          cmvn);
    }
  }
}
