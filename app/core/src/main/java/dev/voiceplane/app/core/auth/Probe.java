package dev.voiceplane.app.core.auth;

import io.javalin.security.RouteRole;

/**
 * Marks the endpoints the platform itself calls — liveness, readiness, startup and metrics: open
 * without a token and never rate-limited, because the kubelet and Prometheus call them from one
 * address on a fixed schedule, and a 429 on a probe would get a healthy pod restarted.
 */
public enum Probe implements RouteRole {
    PLATFORM
}
