package dev.voiceplane.app.realtimeprocessor;

/** How the voice pipeline makes a reply; the load benchmark runs both side by side. */
public enum VoiceChain {
    /**
     * The default: the dialog's reply streamed and synthesized sentence by sentence while the model
     * writes the rest, and replies to complete-looking partial words started before the turn ends.
     */
    STREAMING,
    /** Each stage waits for the whole result of the one before: the whole transcript, the whole reply, each sentence's whole audio. */
    WHOLE_TURNS
}
