package dev.voiceplane.app.devstack;

import dev.voiceplane.app.testkit.StubService;
import java.time.Duration;
import java.util.List;

/**
 * The services a phone call goes through, for the load benchmark: smart-whitelist puts every call
 * to the AI, conversation-analyzer acknowledges, and conversation-engine answers each turn with a
 * fixed reply as a model with {@link LatencyStandIns}' timing would write it: streamed
 * ({@code /turns/stream}, a line per token, the first after the time to first token) or whole
 * ({@code /turns}, after all the tokens). Tokens are the reply's words, as
 * {@code AzureOpenAiStub} cuts them. Like the real services it refuses a request without a
 * service token, so the benchmark measures calls that authenticate.
 */
final class DialogStandIn implements AutoCloseable {

    private final StubService http = StubService.start();
    private final List<String> tokens;
    private final String reply;
    private final LatencyStandIns timing;

    private DialogStandIn(String reply, LatencyStandIns timing) {
        this.reply = reply;
        this.tokens = List.of(reply.split("(?=\\s)"));
        this.timing = timing;
        http.answer("POST", "/api/decisions", r -> StubService.json(200, "{\"action\":\"AI_ANSWER\",\"reason\":\"unknown-caller\",\"degraded\":false}"))
                .answer("POST", "/api/analyses", r -> StubService.json(201, "{}"))
                .answer("POST", "/api/conversations", this::conversation);
    }

    static DialogStandIn start(String reply, LatencyStandIns timing) {
        return new DialogStandIn(reply, timing);
    }

    String url() {
        return http.url();
    }

    private StubService.Answer conversation(StubService.Request request) {
        String path = request.path();
        if (path.equals("/api/conversations")) {
            return StubService.json(201, "{\"state\":\"ACTIVE\"}");
        }
        if (path.endsWith("/end")) {
            return StubService.json(200, "{\"state\":\"ENDED\"}");
        }
        if (path.endsWith("/turns/stream")) {
            return StubService.streamed("application/x-ndjson", this::stream);
        }
        if (path.endsWith("/turns")) {
            LatencyStandIns.pause(timing.firstTokenMs() + timing.perTokenMs() * (tokens.size() - 1), Duration.ofMinutes(1));
            return StubService.json(200, turn());
        }
        return StubService.json(404, "{\"error\":\"not found\"}");
    }

    private void stream(StubService.Chunks out) throws java.io.IOException {
        long due = System.nanoTime() + timing.firstTokenMs() * 1_000_000L;
        for (String token : tokens) {
            LatencyStandIns.pause((int) Math.max(0, (due - System.nanoTime()) / 1_000_000), Duration.ofMinutes(1));
            due += timing.perTokenMs() * 1_000_000L;
            out.send("{\"delta\":\"" + token + "\"}\n");
        }
        out.send(turn() + "\n");
    }

    private String turn() {
        return "{\"seq\":1,\"intent\":\"MESSAGE\",\"reply\":\"" + reply + "\",\"endCall\":false}";
    }

    @Override
    public void close() {
        http.close();
    }
}
