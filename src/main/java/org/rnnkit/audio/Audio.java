package org.rnnkit.audio;

/**
 * A mono recording: samples in {@code [-1, 1]} at {@code sampleRate} samples per second.
 *
 * @param samples the waveform; shared, not copied (callers treat it as read-only)
 * @param sampleRate samples per second, at least 1
 */
public record Audio(double[] samples, int sampleRate) {

  public Audio {
    if (samples == null) {
      throw new IllegalArgumentException("samples are required");
    }
    if (sampleRate < 1) {
      throw new IllegalArgumentException("sample rate must be at least 1 Hz, got " + sampleRate);
    }
  }

  /** The length in seconds. */
  public double seconds() {
    return (double) samples.length / sampleRate;
  }

  /** The same recording at {@code rate}, through {@link Resampler}; this one when the rate fits. */
  public Audio resampledTo(int rate) {
    return rate == sampleRate
        ? this
        : new Audio(Resampler.resample(samples, sampleRate, rate), rate);
  }
}
