/**
 * Spoken-word recognition: recordings in, a trained recurrent classifier out.
 *
 * <ul>
 *   <li>{@link org.rnnkit.speech.Utterance}, {@link org.rnnkit.speech.Recording}, {@link
 *       org.rnnkit.speech.Recordings}: folders of {@code {label}_{speaker}_{index}.wav} files (the
 *       Free Spoken Digit Dataset's naming) and the spoken digits shipped in the jar.
 *   <li>{@link org.rnnkit.speech.Split}: the test set by take index or by speaker, and validation
 *       speakers held out of training for early stopping.
 *   <li>{@link org.rnnkit.speech.Augmentation}: speed perturbation and noise on the waveform, time
 *       and band masks on the log mel spectrogram, drawn afresh each epoch.
 *   <li>{@link org.rnnkit.speech.Architecture}, {@link org.rnnkit.speech.Pooling}, {@link
 *       org.rnnkit.speech.WordClassifier}: MFCCs into a (bidirectional) recurrent stack, pooled
 *       over each utterance's real frames, and a softmax head; saved as a model file with its
 *       feature settings and words.
 *   <li>{@link org.rnnkit.speech.SpeechTraining} with {@link org.rnnkit.speech.SpeechConfig}: the
 *       training run; {@link org.rnnkit.speech.ConfusionMatrix}: the test result.
 * </ul>
 */
package org.rnnkit.speech;
