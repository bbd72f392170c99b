package dev.voiceplane.app.profileanalytics;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.app.core.telephony.PhoneNumber;
import io.javalin.Javalin;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.TooManyRequestsResponse;
import java.util.Optional;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP API. Services post finished calls and read profiles; users report spam, read caller
 * profiles and their own statistics; admins read anyone's statistics.
 */
public final class AnalyticsRoutes {

    static final int MAX_DAYS = 365;

    private final CallHistory history;
    private final BusinessMetrics metrics;
    private final Clock clock;

    public AnalyticsRoutes(CallHistory history, BusinessMetrics metrics, Clock clock) {
        this.history = history;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void install(Javalin app) {
        app.post("/api/calls", ctx -> {
            CallRecord posted = Input.body(ctx, CallRecord.class);
            // Only a service on the telephony path can carry a provider's assertion; an admin's word is not one.
            CallRecord call = AccessGuard.principal(ctx).has(Role.SERVICE) ? posted : posted.unasserted();
            boolean isNew = history.record(call);
            if (isNew) {
                metrics.onRecorded(call);
            }
            ctx.status(isNew ? 201 : 200).json(Map.of("callId", call.callId(), "recorded", isNew ? "new" : "duplicate"));
        }, Role.SERVICE, Role.ADMIN);
        app.get("/api/profiles/{number}", ctx -> {
            String number = PhoneNumber.parse("number", ctx.pathParam("number"));
            CallerProfile profile = history.profile(number, clock.instant())
                    .orElseThrow(() -> new NotFoundResponse("no calls or reports for " + number));
            Principal principal = AccessGuard.principal(ctx);
            if (!principal.has(Role.SERVICE) && !principal.has(Role.ADMIN)) {
                profile = profile.forUser(history.lastCallTo(principal.subject(), number).orElse(null));
            }
            ctx.json(profile);
        }, Role.SERVICE, Role.USER, Role.ADMIN);
        app.post("/api/spam-reports", ctx -> {
            SpamReport report = Input.body(ctx, SpamReport.class);
            Optional<CallHistory.Refusal> refusal = history.report(AccessGuard.principal(ctx).subject(), report, clock.instant());
            if (refusal.isPresent() && refusal.get() == CallHistory.Refusal.NOT_CALLED) {
                throw new ForbiddenResponse("you can report only a number that called you in the last "
                        + ReportPolicy.REPORTABLE_FOR.toDays() + " days");
            }
            if (refusal.isPresent()) {
                ctx.header("Retry-After", Long.toString(ReportPolicy.DAY.toSeconds()));
                throw new TooManyRequestsResponse("you have filed the most spam reports allowed in 24 hours; try again later");
            }
            ctx.status(201).json(Map.of("callerNumber", report.callerNumber(), "category", report.category()));
        }, Role.USER);
        app.get("/api/users/{userId}/stats", ctx -> {
            String userId = Input.param("userId", ctx.pathParam("userId"), CallRecord.ID, CallRecord.ID_EXPECTED);
            Principal principal = AccessGuard.principal(ctx);
            if (!principal.mayActFor(userId)) {
                throw new ForbiddenResponse("you may only read your own statistics");
            }
            int days = ctx.queryParamAsClass("days", Integer.class).getOrDefault(30);
            Input.require(days >= 1 && days <= MAX_DAYS, "parameter 'days' must be between 1 and " + MAX_DAYS);
            ctx.json(UserStats.of(userId, days, history.userOutcomes(userId, clock.instant().minus(Duration.ofDays(days)))));
        }, Role.USER, Role.ADMIN, Role.SERVICE);
    }
}
