package dev.voiceplane.app.core.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The verified caller of a request.
 *
 * @param subject   user id, or the calling service's name for {@link Role#SERVICE}
 * @param roles     roles the token grants
 * @param sessionId the login session the token belongs to, empty for service tokens
 * @param issuedAt  when the token was issued, to compare with a revocation; null for a principal
 *                  that did not come from a token
 */
public record Principal(String subject, Set<Role> roles, String sessionId, Instant issuedAt) {

    public Principal {
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
        sessionId = sessionId == null ? "" : sessionId;
    }

    /** A principal to issue a token for (its issue time is the token's). */
    public Principal(String subject, Set<Role> roles, String sessionId) {
        this(subject, roles, sessionId, null);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether this caller may act on the data of {@code userId}: the user themself, an admin or a service. */
    public boolean mayActFor(String userId) {
        return subject.equals(userId) || has(Role.ADMIN) || has(Role.SERVICE);
    }
}
