package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.testkit.StubService;

/**
 * smart-whitelist, conversation-engine and conversation-analyzer for the phone-call tests, in one
 * stub (their paths do not overlap): {@link #BLOCKED} is on the blocklist, everyone else goes to the
 * AI; a call whose id contains "barge" first gets the {@link #LONG_REPLY}, then the short {@link #REPLY}.
 */
final class PhoneCallees {

    static final String CALLER = "+4930123456";
    static final String BLOCKED = "+15550000001";
    /** A caller the whitelist puts through to the line's owner. */
    static final String FRIEND = "+4917612345678";
    static final String REPLY = "Thank you for calling. Please leave a message.";
    static final String LONG_REPLY = "Thank you for calling. This is a long message about the opening hours of the office, "
            + "which are from nine in the morning until six in the evening on every working day of the week.";

    private PhoneCallees() {
    }

    static StubService start() {
        StubService callees = StubService.start()
                .answer("POST", "/api/decisions", r -> StubService.json(200, r.body().contains(BLOCKED)
                        ? "{\"action\":\"BLOCK\",\"reason\":\"blocklist\",\"degraded\":false}"
                        : r.body().contains(FRIEND) ? "{\"action\":\"PUT_THROUGH\",\"reason\":\"whitelist\",\"degraded\":false}"
                        : "{\"action\":\"AI_ANSWER\",\"reason\":\"unknown-caller\",\"degraded\":false}"))
                .answer("POST", "/api/conversations", r -> StubService.json(201, "{\"state\":\"ACTIVE\"}"))
                .answer("POST", "/api/analyses", r -> StubService.json(201, "{}"));
        return callees.answer("POST", "/api/conversations/", r -> r.path().endsWith("/end") ? StubService.json(200, "{\"state\":\"ENDED\"}")
                : StubService.json(200, "{\"seq\":1,\"intent\":\"GREETING\",\"reply\":\""
                        + (r.path().contains("barge") && callees.requests("POST", r.path()).size() == 1 ? LONG_REPLY : REPLY)
                        + "\",\"endCall\":false}"));
    }
}
