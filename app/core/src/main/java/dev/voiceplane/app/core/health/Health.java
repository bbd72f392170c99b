package dev.voiceplane.app.core.health;

import dev.voiceplane.app.core.auth.Probe;
import dev.voiceplane.catalog.Probes;
import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness. Live answers 200 while the process can serve at all and never touches a
 * dependency (a database outage must not get every pod restarted). Ready answers 200 only when
 * every registered check passes — the service's PostgreSQL and Redis answer — and turns 503 as soon
 * as shutdown begins, so the load balancer stops sending traffic before the server drains.
 */
public final class Health {

    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    private final Map<String, BooleanSupplier> advisory = new LinkedHashMap<>();
    private volatile boolean draining;

    /** Adds a dependency readiness waits for; call before the server starts. */
    public void addCheck(String name, BooleanSupplier check) {
        checks.put(name, check);
    }

    /**
     * A dependency the service can do without for a while (it has a fallback): reported in the
     * readiness body as {@code degraded} when down, but not a reason to take the pod out of
     * service. Otherwise one cache outage turns every replica not-ready at once, and traffic the
     * service could have served (from its fallback) has nowhere to go.
     */
    public void addAdvisoryCheck(String name, BooleanSupplier check) {
        advisory.put(name, check);
    }

    public void startDraining() {
        draining = true;
    }

    /** Each check's state, plus {@code shutdown} while draining. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        checks.forEach((name, check) -> status.put(name, check.getAsBoolean() ? "up" : "down"));
        advisory.forEach((name, check) -> status.put(name, check.getAsBoolean() ? "up" : "degraded"));
        if (draining) {
            status.put("shutdown", "draining");
        }
        return status;
    }

    public boolean ready(Map<String, String> status) {
        return !draining && status.values().stream().allMatch(state -> "up".equals(state) || "degraded".equals(state));
    }

    public void install(Javalin app, Probes probes) {
        app.get(probes.live(), ctx -> ctx.json(Map.of("status", "UP")), Probe.PLATFORM);
        app.get(probes.ready(), ctx -> {
            Map<String, String> status = status();
            boolean ready = ready(status);
            ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "UP" : "DOWN", "checks", status));
        }, Probe.PLATFORM);
        if (!probes.startup().equals(probes.live()) && !probes.startup().equals(probes.ready())) {
            app.get(probes.startup(), ctx -> ctx.json(Map.of("status", "UP")), Probe.PLATFORM);
        }
    }
}
