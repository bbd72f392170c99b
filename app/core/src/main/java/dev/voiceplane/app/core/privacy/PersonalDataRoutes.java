package dev.voiceplane.app.core.privacy;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The endpoints user-management calls on every service that stores a user's data:
 * {@code GET /api/privacy/users/{userId}} (export) and {@code DELETE /api/privacy/users/{userId}}
 * (erasure; idempotent, 200 with what went). Role {@code service} (user-management's own token) or
 * {@code admin}; never a user, who asks user-management, where the request is checked and audited.
 */
public final class PersonalDataRoutes {

    public static final String PATH = "/api/privacy/users/{userId}";
    static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private PersonalDataRoutes() {
    }

    /** The path of {@code userId}'s data on a service. */
    public static String path(String userId) {
        return PATH.replace("{userId}", userId);
    }

    public static void install(Javalin app, String serviceName, PersonalData data) {
        app.get(PATH, ctx -> {
            String userId = userId(ctx.pathParam("userId"));
            Map<String, Object> export = new LinkedHashMap<>();
            export.put("service", serviceName);
            export.put("userId", userId);
            export.putAll(data.export(userId));
            ctx.json(export);
        }, Role.SERVICE, Role.ADMIN);
        app.delete(PATH, ctx -> {
            String userId = userId(ctx.pathParam("userId"));
            ctx.json(Map.of("service", serviceName, "userId", userId, "erased", data.erase(userId)));
        }, Role.SERVICE, Role.ADMIN);
    }

    private static String userId(String raw) {
        return Input.param("userId", raw, USER_ID, "1-64 letters, digits, '-' or '_'");
    }
}
