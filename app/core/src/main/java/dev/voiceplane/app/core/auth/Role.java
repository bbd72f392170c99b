package dev.voiceplane.app.core.auth;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * What a caller may do. Carried in the access token's {@code roles} claim and required per route.
 * A route may name several roles; any one of them admits the caller.
 */
public enum Role implements RouteRole {
    /** An end user acting on their own data. */
    USER,
    /** An operator: other users' data, audit log, erasure. */
    ADMIN,
    /** Another service of the same system calling in-cluster (e.g. realtime-processor asking for a decision). */
    SERVICE;

    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named by a token claim, or null for a name this version does not know. */
    public static Role fromClaim(String claim) {
        for (Role role : values()) {
            if (role.claim().equals(claim)) {
                return role;
            }
        }
        return null;
    }
}
