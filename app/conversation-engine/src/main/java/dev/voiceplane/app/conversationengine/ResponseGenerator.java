package dev.voiceplane.app.conversationengine;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the configured provider for a reply and falls back to the offline provider when it fails or
 * runs past the turn's budget ({@code PROCESSING_PIPELINE_TIMEOUT}, enforced by the provider's HTTP
 * timeout): a caller on the line must always hear something.
 */
public final class ResponseGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseGenerator.class);

    private final ResponseProvider primary;
    private final ResponseProvider fallback;
    private final ResponseQuality quality;
    private final QualityMetrics metrics;

    public ResponseGenerator(ResponseProvider primary, ResponseProvider fallback, ResponseQuality quality, QualityMetrics metrics) {
        this.primary = primary;
        this.fallback = fallback;
        this.quality = quality;
        this.metrics = metrics;
    }

    public String providerName() {
        return primary.name();
    }

    /** A reply, who gave it and its quality score. */
    public Generated generate(DialogPrompt prompt) {
        return generate(prompt, null);
    }

    /**
     * A reply streamed to {@code delta} as the provider makes it. When the primary fails before it
     * gave anything, the fallback's reply is streamed instead; when it fails part-way, the reply is
     * what was already given (the caller may be hearing it) and the failure is counted. An exception
     * from {@code delta} itself (the listener went away) is rethrown: nothing is recorded.
     */
    public Generated generate(DialogPrompt prompt, java.util.function.Consumer<String> delta) {
        long start = System.nanoTime();
        ResponseProvider used = primary;
        String reply;
        StringBuilder given = new StringBuilder();
        ListenerGone[] gone = new ListenerGone[1];
        java.util.function.Consumer<String> tracked = piece -> {
            try {
                delta.accept(piece);
            } catch (RuntimeException e) {
                gone[0] = new ListenerGone(e);
                throw gone[0];
            }
            given.append(piece);
        };
        try {
            reply = delta == null ? primary.reply(prompt) : primary.stream(prompt, tracked);
        } catch (RuntimeException e) {
            if (gone[0] != null) {
                throw gone[0];
            }
            if (primary == fallback) {
                throw e;
            }
            metrics.recordProviderFailure(primary.name());
            if (given.length() > 0) {
                LOG.warn("provider {} failed part-way; the reply is what it gave: {}", primary.name(), e.getMessage());
                reply = given.toString().trim();
            } else {
                LOG.warn("provider {} failed, answering with {}: {}", primary.name(), fallback.name(), e.getMessage());
                used = fallback;
                reply = delta == null ? fallback.reply(prompt) : fallback.stream(prompt, tracked);
            }
        }
        double score = quality.score(prompt, reply);
        metrics.recordReply(used.name(), prompt.intent().intent(), score, Duration.ofNanos(System.nanoTime() - start));
        return new Generated(reply, used.name(), score);
    }

    /** The listener of a streamed reply went away (the call hung up, or the turn was abandoned). */
    public static final class ListenerGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ListenerGone(RuntimeException cause) {
            super("the listener of the streamed reply went away: " + cause.getMessage(), cause);
        }
    }

    /** What {@link #generate} produced. */
    public record Generated(String reply, String provider, double quality) {
    }
}
