package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.testkit.StubService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The services a call goes through, with a conversation-engine that streams its turns as the real
 * one does ({@code /turns/stream}: a {@code delta} line per word, then the turn). The reply to words
 * ending in "w" is "Reply to w. Thank you." (so a test knows which words a reply answers whatever
 * order requests arrive in); the words after its first sentence wait for {@link #release}
 * while the stand-in is {@link #holding}, so a test can see the first sentence spoken before the
 * reply is complete without timing anything. Like the real services it refuses a request without
 * a service token.
 */
final class StreamingEngine implements AutoCloseable {

    private final StubService http = StubService.start();
    private final List<String> turns = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private StreamingEngine() {
        http.answer("POST", "/api/decisions", r -> StubService.json(200, "{\"action\":\"AI_ANSWER\",\"reason\":\"unknown-caller\",\"degraded\":false}"))
                .answer("POST", "/api/analyses", r -> StubService.json(201, "{}"))
                .answer("POST", "/api/conversations", this::conversation);
    }

    static StreamingEngine start() {
        return new StreamingEngine();
    }

    String url() {
        return http.url();
    }

    /** The caller words of every turn asked for, in order. */
    List<String> turns() {
        return List.copyOf(turns);
    }

    /** From now on, replies stop after their first sentence until {@link #release}. */
    void holding() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    void reset() {
        turns.clear();
        release();
    }

    static String reply(String words) {
        String[] all = words.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z ]", "").trim().split(" ");
        return "Reply to " + all[all.length - 1] + ". Thank you.";
    }

    private StubService.Answer conversation(StubService.Request request) {
        if (request.path().equals("/api/conversations")) {
            return StubService.json(201, "{\"state\":\"ACTIVE\"}");
        }
        if (request.path().endsWith("/end")) {
            return StubService.json(200, "{\"state\":\"ENDED\"}");
        }
        if (!request.path().endsWith("/turns/stream")) {
            return StubService.json(404, "{\"message\":\"this stand-in streams its turns only\"}");
        }
        String text;
        try {
            text = Json.mapper().readTree(request.body()).path("text").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        turns.add(text);
        int n = turns.size();
        String[] words = reply(text).split("(?=\\s)");
        return StubService.streamed("application/x-ndjson", out -> {
            for (int i = 0; i < words.length; i++) {
                if (i == 3) { // after "Reply to w."
                    gate.await(60, TimeUnit.SECONDS);
                }
                out.send(line(Map.of("delta", words[i])));
            }
            out.send(line(Map.of("seq", n, "intent", "MESSAGE", "reply", reply(text), "endCall", false)));
        });
    }

    private static String line(Object value) throws IOException {
        return Json.mapper().writeValueAsString(value) + "\n";
    }

    @Override
    public void close() {
        release();
        http.close();
    }
}
