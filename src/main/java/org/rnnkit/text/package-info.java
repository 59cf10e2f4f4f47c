/**
 * Character language models: {@link org.rnnkit.text.Corpus} (a UTF-8 text, checked; the bundled
 * "Pride and Prejudice"), {@link org.rnnkit.text.Vocabulary} (sorted characters with an explicit
 * unknown-symbol policy), {@link org.rnnkit.text.CharStreams} (B parallel streams read in chunks of
 * T), {@link org.rnnkit.text.CharModel} (embedding, recurrent stack, softmax head; saved with its
 * vocabulary), {@link org.rnnkit.text.CharTrainer} (char-rnn's truncated BPTT with carried state),
 * {@link org.rnnkit.text.HeldOutLoss} (nats and bits per character, unigram entropy) and {@link
 * org.rnnkit.text.Sampler} (stateful sampling with temperature and top-k).
 *
 * <p>Nothing here prints or knows the command line; {@code Corpus} is the only class that reads
 * files.
 */
package org.rnnkit.text;
