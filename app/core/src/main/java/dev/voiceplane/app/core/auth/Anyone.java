package dev.voiceplane.app.core.auth;

import io.javalin.security.RouteRole;

/**
 * Marks a route that needs no token: health, metrics, and the few endpoints that hand tokens out
 * (login, refresh). Every other route requires a valid access token, even when it names no role.
 */
public enum Anyone implements RouteRole {
    ANYONE
}
