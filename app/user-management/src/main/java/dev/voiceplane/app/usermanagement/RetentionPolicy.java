package dev.voiceplane.app.usermanagement;

import java.time.Duration;

/**
 * How long personal data is kept (GDPR Art. 5(1)(e), storage limitation):
 *
 * @param auditEvents     the audit trail, kept for accountability; older events are deleted
 * @param endedSessions   revoked sessions and their tokens, kept to explain "was that me?" questions
 * @param expiredTokens   refresh tokens past expiry are useless and deleted after this grace
 */
public record RetentionPolicy(Duration auditEvents, Duration endedSessions, Duration expiredTokens) {

    public static final RetentionPolicy DEFAULT = new RetentionPolicy(Duration.ofDays(365), Duration.ofDays(90), Duration.ofDays(1));
}
