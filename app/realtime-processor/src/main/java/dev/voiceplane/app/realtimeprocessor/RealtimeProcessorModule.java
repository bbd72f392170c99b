package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.app.core.runtime.ServiceContext;
import dev.voiceplane.app.core.runtime.ServiceModule;
import dev.voiceplane.app.core.ws.WebSocketAuth;
import dev.voiceplane.catalog.Env;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * realtime-processor: WebSocket call sessions (catalog port 3002) at {@value #CALL_PATH}. Reads
 * {@code MAX_CONCURRENT_CALLS}, {@code WEBSOCKET_TIMEOUT} and {@code PROCESSING_PIPELINE_TIMEOUT}
 * (milliseconds). The Azure Speech variables are declared for the voice pipeline, which is a later
 * issue: audio frames are acknowledged and counted, not yet transcribed.
 */
public final class RealtimeProcessorModule implements ServiceModule {

    public static final String NAME = "realtime-processor";
    public static final String CALL_PATH = "/ws/calls";

    @Override
    public void install(ServiceContext context) {
        int maxCalls = context.config().intValue(Env.MAX_CONCURRENT_CALLS);
        Duration idle = Duration.ofMillis(context.config().intValue(Env.WEBSOCKET_TIMEOUT));
        Duration turnBudget = Duration.ofMillis(context.config().intValue(Env.PROCESSING_PIPELINE_TIMEOUT));
        Input.require(maxCalls > 0, Env.MAX_CONCURRENT_CALLS + " must be positive");
        CallRouting routing = new CallRouting(context.client("smart-whitelist", turnBudget), context.client("conversation-engine", turnBudget),
                context.client("conversation-analyzer", turnBudget), context.clock());
        CallStore calls = new CallStore(context.redis());
        CallFinisher finisher = new CallFinisher(calls, routing, context.redis(), context.metrics());
        context.every("call-finisher", CallFinisher.RETRY_INTERVAL, CallFinisher.RETRY_INTERVAL, finisher::retryPending);
        Set<Role> roles = Set.of(Role.USER, Role.SERVICE, Role.ADMIN);
        CallSessions sessions = new CallSessions(new WebSocketAuth(context.tokens(), roles), calls, routing, finisher,
                context.metrics(), maxCalls, idle);
        context.websocket(CALL_PATH, roles, sessions::install);
        context.app().wsBeforeUpgrade(CALL_PATH, sessions::beforeUpgrade);
        context.onDrain(sessions::drain);

        context.app().get("/api/calls/{callId}", ctx -> {
            String callId = Input.param("callId", ctx.pathParam("callId"), CallSessions.ID, "1-64 letters, digits, '-' or '_'");
            CallState call = calls.find(callId).orElseThrow(() -> new NotFoundResponse("no call " + callId + " in progress"));
            if (!AccessGuard.principal(ctx).mayActFor(call.userId())) {
                throw new ForbiddenResponse("you may only read your own calls");
            }
            ctx.json(Map.of("call", call, "turns", calls.transcript(callId).size() / 2));
        }, Role.USER, Role.SERVICE, Role.ADMIN);
    }
}
