package dev.voiceplane.app.smartwhitelist;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import io.javalin.Javalin;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The HTTP API. Users manage their own lists and rules; admins anyone's; services (the realtime
 * processor) read them and ask for decisions.
 */
public final class WhitelistRoutes {

    static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String USER_ID_EXPECTED = "1-64 letters, digits, '-' or '_'";
    static final int MAX_CONTACTS = 5_000;

    private final WhitelistRepository repository;
    private final DecisionService decisions;
    private final Clock clock;

    public WhitelistRoutes(WhitelistRepository repository, DecisionService decisions, Clock clock) {
        this.repository = repository;
        this.decisions = decisions;
        this.clock = clock;
    }

    public void install(Javalin app) {
        app.get("/api/users/{userId}/entries", ctx -> ctx.json(repository.entries(owner(ctx))), Role.USER, Role.ADMIN, Role.SERVICE);
        app.post("/api/users/{userId}/entries", ctx -> {
            String userId = owner(ctx);
            NewListEntry requested = Input.body(ctx, NewListEntry.class);
            ListEntry entry = repository.putEntry(userId, requested).orElseThrow(() -> new ConflictResponse(requested.number()
                    + " is on your " + (requested.kind() == ListKind.ALLOW ? "BLOCK" : "ALLOW") + " list; send \"replace\": true to move it"));
            decisions.invalidate(userId);
            ctx.status(201).json(entry);
        }, Role.USER, Role.ADMIN);
        app.delete("/api/users/{userId}/entries/{id}", ctx -> {
            String userId = owner(ctx);
            if (!repository.deleteEntry(userId, ctx.pathParamAsClass("id", Long.class).get())) {
                throw new NotFoundResponse("no list entry " + ctx.pathParam("id") + " for user " + userId);
            }
            decisions.invalidate(userId);
            ctx.status(204);
        }, Role.USER, Role.ADMIN);
        app.put("/api/users/{userId}/contacts", ctx -> {
            String userId = owner(ctx);
            List<Contact> contacts = Arrays.asList(Input.body(ctx, Contact[].class));
            Input.require(contacts.size() <= MAX_CONTACTS, "at most " + MAX_CONTACTS + " contacts per import");
            int imported = repository.replaceContacts(userId, contacts);
            decisions.invalidate(userId);
            ctx.json(Map.of("imported", imported));
        }, Role.USER, Role.ADMIN);
        app.get("/api/users/{userId}/rules", ctx -> ctx.json(repository.rules(owner(ctx))), Role.USER, Role.ADMIN, Role.SERVICE);
        app.post("/api/users/{userId}/rules", ctx -> {
            String userId = owner(ctx);
            Rule rule = repository.addRule(userId, Input.body(ctx, NewRule.class));
            decisions.invalidate(userId);
            ctx.status(201).json(rule);
        }, Role.USER, Role.ADMIN);
        app.delete("/api/users/{userId}/rules/{id}", ctx -> {
            String userId = owner(ctx);
            if (!repository.deleteRule(userId, ctx.pathParamAsClass("id", Long.class).get())) {
                throw new NotFoundResponse("no rule " + ctx.pathParam("id") + " for user " + userId);
            }
            decisions.invalidate(userId);
            ctx.status(204);
        }, Role.USER, Role.ADMIN);
        app.post("/api/decisions", ctx -> {
            DecisionRequest request = Input.body(ctx, DecisionRequest.class);
            requireMayActFor(AccessGuard.principal(ctx), request.userId());
            ctx.json(decisions.decide(request.userId(), request.callerNumber(), request.at() != null ? request.at() : clock.instant()));
        }, Role.SERVICE, Role.USER, Role.ADMIN);
    }

    /** The {userId} of the path, checked for form and for the caller's right to act on it. */
    private static String owner(Context ctx) {
        String userId = Input.param("userId", ctx.pathParam("userId"), USER_ID, USER_ID_EXPECTED);
        requireMayActFor(AccessGuard.principal(ctx), userId);
        return userId;
    }

    private static void requireMayActFor(Principal principal, String userId) {
        if (!principal.mayActFor(userId)) {
            throw new ForbiddenResponse("you may only act on your own whitelist");
        }
    }
}
