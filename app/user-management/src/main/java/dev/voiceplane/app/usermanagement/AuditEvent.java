package dev.voiceplane.app.usermanagement;

import java.time.Instant;
import java.util.UUID;

/**
 * One sensitive operation.
 *
 * @param accountId the account it concerns, if any
 * @param actor     who did it: an account id, a service name, or {@code anonymous}
 * @param action    e.g. {@code login.succeeded}, {@code refresh_token.reuse_detected}, {@code gdpr.erasure}
 * @param detail    short context; never a password, code, token or secret
 */
public record AuditEvent(long id, UUID accountId, String actor, String action, String detail, String ip, Instant at) {
}
