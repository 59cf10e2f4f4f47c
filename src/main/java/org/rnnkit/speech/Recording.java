package org.rnnkit.speech;

import org.rnnkit.audio.Audio;

/** A recording with what its name says about it. */
public record Recording(Utterance utterance, Audio audio) {}
