package dev.voiceplane.app.usermanagement;

import java.time.Instant;
import java.util.UUID;

/**
 * A login session as the user sees it in their device list.
 *
 * @param deviceFingerprint SHA-256 of the fingerprint the client sent, never the raw value
 * @param current           whether the request asking is made with this session
 */
public record SessionView(UUID id, String deviceLabel, String deviceFingerprint, String ip, Instant createdAt, Instant lastSeenAt,
        Instant revokedAt, String revokeReason, boolean current) {
}
