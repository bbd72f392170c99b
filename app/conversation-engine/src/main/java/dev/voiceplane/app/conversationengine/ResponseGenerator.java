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
        long start = System.nanoTime();
        ResponseProvider used = primary;
        String reply;
        try {
            reply = primary.reply(prompt);
        } catch (RuntimeException e) {
            if (primary == fallback) {
                throw e;
            }
            metrics.recordProviderFailure(primary.name());
            LOG.warn("provider {} failed, answering with {}: {}", primary.name(), fallback.name(), e.getMessage());
            used = fallback;
            reply = fallback.reply(prompt);
        }
        double score = quality.score(prompt, reply);
        metrics.recordReply(used.name(), prompt.intent().intent(), score, Duration.ofNanos(System.nanoTime() - start));
        return new Generated(reply, used.name(), score);
    }

    /** What {@link #generate} produced. */
    public record Generated(String reply, String provider, double quality) {
    }
}
