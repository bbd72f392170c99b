package dev.voiceplane.app.core.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How long a service waits on each network call it makes: a callee ({@link ServiceContext#client}),
 * PostgreSQL and Redis (connecting, borrowing, reading), a cloud API a module calls
 * ({@link ServiceContext#budget}). Each call site states its production budget, tuned to the call
 * path's budget ({@code PROCESSING_PIPELINE_TIMEOUT}, 1500 ms); this class decides what is applied.
 *
 * <ul>
 *   <li>{@link #PRODUCTION} (what {@link ServiceLauncher}, the image's entry point, and the local run
 *       use): every budget exactly as its call site states it.</li>
 *   <li>{@link #testFloor(Duration)}: every budget shorter than the floor is raised to it, so a test
 *       against a local stub or store never fails because a busy machine answered a 300 ms call in
 *       400 ms. app-testkit's {@code ServiceUnderTest} starts every service with one.</li>
 *   <li>{@link #exactly(String, Duration)}: one call keeps a stated budget under a floor, for a test
 *       of the budget behaviour itself (the fallback when a callee does not answer); pair it with a
 *       stub that never answers, so the budget path is taken however slow the machine is.</li>
 * </ul>
 *
 * <p>Not configurable from the environment on purpose: no catalog variable, stack value or system
 * property switches a floor on. Only code that starts a {@link ServiceRuntime} itself and passes a
 * floor (app-testkit) gets one, so a pod can never run with test budgets by a stray setting.
 */
public final class CallBudgets {

    /** The call name of PostgreSQL's budgets (waiting for a pooled connection, connecting, validating). */
    public static final String POSTGRES = "postgres";
    /** The call name of Redis' budgets (connecting, reading an answer, borrowing a pooled connection). */
    public static final String REDIS = "redis";

    /** Every budget as its call site states it. */
    public static final CallBudgets PRODUCTION = new CallBudgets(Duration.ZERO, Map.of());

    private final Duration floor;
    private final Map<String, Duration> exact;

    private CallBudgets(Duration floor, Map<String, Duration> exact) {
        this.floor = floor;
        this.exact = exact;
    }

    /** Tests only: every budget shorter than {@code floor} is raised to it. */
    public static CallBudgets testFloor(Duration floor) {
        Objects.requireNonNull(floor, "floor");
        if (floor.isNegative()) {
            throw new IllegalArgumentException("a budget floor cannot be negative: " + floor);
        }
        return new CallBudgets(floor, Map.of());
    }

    /**
     * The same, except that {@code call} (a callee's catalog name, {@link #POSTGRES}, {@link #REDIS}
     * or a module's own name for a call, such as {@code azure-openai}) gets exactly {@code budget}.
     */
    public CallBudgets exactly(String call, Duration budget) {
        Objects.requireNonNull(call, "call");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the budget of '" + call + "' must be positive: " + budget);
        }
        Map<String, Duration> copy = new TreeMap<>(exact);
        copy.put(call, budget);
        return new CallBudgets(floor, Map.copyOf(copy));
    }

    /** The budget applied to {@code call} whose production budget is {@code production}. */
    public Duration apply(String call, Duration production) {
        Duration stated = exact.get(call);
        if (stated != null) {
            return stated;
        }
        return production.compareTo(floor) < 0 ? floor : production;
    }

    /** Whether every budget is applied as stated (no floor, no override). */
    public boolean production() {
        return floor.isZero() && exact.isEmpty();
    }

    @Override
    public String toString() {
        return production() ? "production budgets" : "test budgets (floor " + floor + (exact.isEmpty() ? "" : ", exactly " + exact) + ")";
    }
}
