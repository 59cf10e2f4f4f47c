/**
 * Audio in, features out: reading recordings and turning them into the sequences a recurrent
 * network reads.
 *
 * <ul>
 *   <li>{@link org.rnnkit.audio.WavReader}: PCM WAV files (8/16/24/32-bit, signed or unsigned, any
 *       channels mixed to mono, any rate) through {@code javax.sound.sampled}, into an {@link
 *       org.rnnkit.audio.Audio}; anything else is an {@link org.rnnkit.audio.AudioFileException}
 *       naming the file.
 *   <li>{@link org.rnnkit.audio.Resampler}: windowed-sinc resampling with a low-pass below the
 *       lower Nyquist frequency.
 *   <li>{@link org.rnnkit.audio.Mfcc} with {@link org.rnnkit.audio.MfccConfig}: MFCCs as HTK and
 *       Kaldi compute them, step by step in {@link org.rnnkit.audio.FeatureSteps} and {@link
 *       org.rnnkit.audio.MelFilterbank}.
 * </ul>
 */
package org.rnnkit.audio;
