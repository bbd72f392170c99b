package dev.voiceplane.app.conversationengine;

import dev.voiceplane.app.core.auth.AccessGuard;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Input;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.util.Map;

/**
 * The HTTP API. realtime-processor (role {@code service}) opens a conversation when a call is put
 * to the AI, sends each transcribed caller utterance as a turn, and ends it; users may read their
 * own conversations; admins everything.
 */
public final class ConversationRoutes {

    private final ConversationStore store;
    private final DialogEngine engine;
    private final IntentDetector detector;

    public ConversationRoutes(ConversationStore store, DialogEngine engine, IntentDetector detector) {
        this.store = store;
        this.engine = engine;
        this.detector = detector;
    }

    public void install(Javalin app) {
        app.post("/api/conversations", ctx -> {
            NewConversation request = Input.body(ctx, NewConversation.class);
            Conversation conversation = store.open(request);
            if (!conversation.userId().equals(request.userId())) {
                throw new io.javalin.http.ConflictResponse("call " + request.callId() + " already has a conversation for another user");
            }
            ctx.status(201).json(conversation);
        }, Role.SERVICE, Role.ADMIN);
        app.post("/api/conversations/{callId}/turns", ctx -> {
            TurnRequest request = Input.body(ctx, TurnRequest.class);
            ctx.json(engine.turn(engine.require(callId(ctx)), request.text()));
        }, Role.SERVICE, Role.ADMIN);
        // The same turn, streamed for a caller on the line (realtime-processor speaks the first sentence while the
        // model writes the rest): newline-delimited JSON, {"delta": text} as the reply is made, then the turn as
        // /turns answers it. A client that goes away mid-reply abandons the turn; nothing is recorded.
        app.post("/api/conversations/{callId}/turns/stream", ctx -> {
            TurnRequest request = Input.body(ctx, TurnRequest.class);
            Conversation conversation = engine.require(callId(ctx));
            ctx.contentType("application/x-ndjson");
            java.io.OutputStream out = ctx.res().getOutputStream();
            TurnReply reply = engine.turn(conversation, request.text(), delta -> line(out, Map.of("delta", delta)));
            line(out, reply);
        }, Role.SERVICE, Role.ADMIN);
        app.post("/api/conversations/{callId}/end", ctx -> {
            String callId = callId(ctx);
            engine.require(callId);
            store.end(callId);
            ctx.json(engine.require(callId));
        }, Role.SERVICE, Role.ADMIN);
        app.get("/api/conversations/{callId}", ctx -> {
            Conversation conversation = engine.require(callId(ctx));
            if (!AccessGuard.principal(ctx).mayActFor(conversation.userId())) {
                throw new ForbiddenResponse("you may only read your own conversations");
            }
            ctx.json(Map.of("conversation", conversation, "turns", store.turns(conversation.callId())));
        }, Role.USER, Role.SERVICE, Role.ADMIN);
        app.post("/api/intents", ctx -> {
            TurnRequest request = Input.body(ctx, TurnRequest.class);
            ctx.json(detector.detect(request.text(), 0, null));
        }, Role.USER, Role.SERVICE, Role.ADMIN);
    }

    private static void line(java.io.OutputStream out, Object value) {
        try {
            out.write(dev.voiceplane.app.core.http.Json.mapper().writeValueAsBytes(value));
            out.write('\n');
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the client of a streamed turn went away", e);
        }
    }

    private static String callId(Context ctx) {
        return Input.param("callId", ctx.pathParam("callId"), Ids.ID, Ids.ID_EXPECTED);
    }
}
