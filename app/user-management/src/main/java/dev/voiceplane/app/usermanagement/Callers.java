package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Principal;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.util.UUID;

/** Who is asking, in the terms of this service: account ids are UUIDs. */
final class Callers {

    private Callers() {
    }

    /** The calling account's id; 403 for a caller that is not an account (a service token). */
    static UUID accountId(Context ctx) {
        Principal principal = AccessGuard.principal(ctx);
        try {
            return UUID.fromString(principal.subject());
        } catch (IllegalArgumentException e) {
            throw new ForbiddenResponse("this endpoint is for account holders");
        }
    }

    /** The {@code {id}} path parameter as an account id, which the caller must be allowed to act for. */
    static UUID targetAccount(Context ctx) {
        UUID target = uuid("id", ctx.pathParam("id"));
        if (!AccessGuard.principal(ctx).mayActFor(target.toString())) {
            throw new ForbiddenResponse("you may only act on your own account");
        }
        return target;
    }

    static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("parameter '" + name + "' must be a UUID, got '" + value + "'");
        }
    }

    static String actor(Context ctx) {
        return AccessGuard.principal(ctx).subject();
    }
}
