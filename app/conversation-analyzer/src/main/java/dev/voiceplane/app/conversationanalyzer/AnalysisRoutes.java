package dev.voiceplane.app.conversationanalyzer;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import io.javalin.Javalin;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;

/**
 * The HTTP API. realtime-processor (role {@code service}) posts each finished call's transcript;
 * users read the analyses of their own calls; admins everyone's.
 */
public final class AnalysisRoutes {

    static final int MAX_LIST = 100;

    private final AnalysisStore store;
    private final CallAnalyzer analyzer;
    private final OutcomeReporter reporter;

    public AnalysisRoutes(AnalysisStore store, CallAnalyzer analyzer, OutcomeReporter reporter) {
        this.store = store;
        this.analyzer = analyzer;
        this.reporter = reporter;
    }

    public void install(Javalin app) {
        app.post("/api/analyses", ctx -> {
            AnalysisRequest posted = Input.body(ctx, AnalysisRequest.class);
            if (!AccessGuard.principal(ctx).mayActFor(posted.userId())) {
                throw new ForbiddenResponse("you may only submit your own calls");
            }
            // Only the call path (a service) can pass on a telephony provider's assertion of the number.
            AnalysisRequest request = AccessGuard.principal(ctx).has(Role.SERVICE) ? posted : posted.unasserted();
            CallAnalyzer.Result result = analyzer.analyze(request.transcript());
            boolean created = store.insert(request, result.findings(), result.analyzer());
            Analysis stored = store.find(request.callId()).orElseThrow();
            if (!stored.userId().equals(request.userId())) {
                throw new io.javalin.http.ConflictResponse("call " + request.callId() + " was already analysed for another user");
            }
            if (created && reporter.report(stored)) {
                stored = store.find(request.callId()).orElseThrow();
            }
            ctx.status(created ? 201 : 200).json(stored);
        }, Role.SERVICE, Role.ADMIN);
        app.get("/api/analyses/{callId}", ctx -> {
            String callId = Input.param("callId", ctx.pathParam("callId"), AnalysisRequest.ID, AnalysisRequest.ID_EXPECTED);
            Analysis analysis = store.find(callId).orElseThrow(() -> new NotFoundResponse("no analysis for call " + callId));
            if (!AccessGuard.principal(ctx).mayActFor(analysis.userId())) {
                throw new ForbiddenResponse("you may only read the analyses of your own calls");
            }
            ctx.json(analysis);
        }, Role.USER, Role.SERVICE, Role.ADMIN);
        app.get("/api/users/{userId}/analyses", ctx -> {
            String userId = Input.param("userId", ctx.pathParam("userId"), AnalysisRequest.ID, AnalysisRequest.ID_EXPECTED);
            if (!AccessGuard.principal(ctx).mayActFor(userId)) {
                throw new ForbiddenResponse("you may only read the analyses of your own calls");
            }
            int limit = ctx.queryParamAsClass("limit", Integer.class).check(n -> n >= 1 && n <= MAX_LIST,
                    "must be between 1 and " + MAX_LIST).getOrDefault(20);
            ctx.json(store.forUser(userId, limit));
        }, Role.USER, Role.SERVICE, Role.ADMIN);
    }
}
