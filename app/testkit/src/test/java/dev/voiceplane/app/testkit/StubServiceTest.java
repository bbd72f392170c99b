package dev.voiceplane.app.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StubServiceTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final StubService stub = StubService.start();

    @AfterEach
    void stop() {
        stub.close();
    }

    private HttpResponse<String> post(String path, String authorization, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.url() + path)).POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (header != null) {
            request.header(header, value);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestWithoutABearerTokenIsRefusedAndRecordedButNeverRouted() throws Exception {
        stub.answer("POST", "/api/x", r -> {
            throw new AssertionError("an unauthenticated request reached its route");
        });

        assertThat(post("/api/x", null, null, null).statusCode()).isEqualTo(401);
        assertThat(post("/api/x", "Basic dXNlcjpwYXNz", null, null).statusCode()).isEqualTo(401);
        assertThat(stub.requests("POST", "/api/x")).hasSize(2);
        assertThat(stub.statuses()).containsExactly(401, 401);
    }

    @Test
    void aGateReplacesTheBearerCheckAndSeesHeadersInAnyCaseAndTheQuery() throws Exception {
        stub.guardedBy(r -> "secret".equals(r.header("API-KEY")) && "v=1".equals(r.query()) ? Optional.empty()
                : Optional.of(StubService.json(403, "{}"))).answer("POST", "/api/x", r -> StubService.json(200, "{\"ok\":true}"));

        assertThat(post("/api/x?v=1", "Bearer t", null, null).statusCode()).as("a bearer token no longer opens it").isEqualTo(403);
        assertThat(post("/api/x?v=2", null, "api-key", "secret").statusCode()).isEqualTo(403);
        HttpResponse<String> served = post("/api/x?v=1", null, "api-key", "secret");

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo("{\"ok\":true}");
        assertThat(stub.requests().get(2).body()).isEqualTo("{\"a\":1}");
    }

    @Test
    void aFailureAnswersTheNextAuthenticatedRequestOnceWithItsHeaders() throws Exception {
        stub.answer("POST", "/api/x", r -> StubService.json(200, "{}"))
                .failingNext(StubService.json(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "1"));

        assertThat(post("/api/x", null, null, null).statusCode()).as("a refused request does not use the failure up").isEqualTo(401);
        HttpResponse<String> throttled = post("/api/x", "Bearer t", null, null);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("1");
        assertThat(post("/api/x", "Bearer t", null, null).statusCode()).isEqualTo(200);
        assertThat(stub.statuses()).containsExactly(401, 429, 200);
    }

    /** Audio is not UTF-8: 0x80 and 0xFF would come back as replacement characters if either side decoded it. */
    @Test
    void aBinaryBodyArrivesAndIsAnsweredByteForByte() throws Exception {
        byte[] audio = {(byte) 0x80, (byte) 0xFF, 0, 'R', (byte) 0xC3};
        stub.answer("POST", "/audio", r -> StubService.Answer.of(200, "audio/basic", r.bytes()));

        HttpResponse<byte[]> echoed = client.send(HttpRequest.newBuilder(URI.create(stub.url() + "/audio")).header("Authorization", "Bearer t")
                .POST(HttpRequest.BodyPublishers.ofByteArray(audio)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(echoed.body()).containsExactly(audio);
        assertThat(echoed.headers().firstValue("Content-Type")).contains("audio/basic");
        assertThat(stub.requests().get(0).bytes()).containsExactly(audio);
    }

    /** The first chunk is read while the stub still holds the rest back: it was sent, not buffered. */
    @Test
    void aStreamedAnswerReachesTheCallerChunkByChunk() throws Exception {
        CountDownLatch rest = new CountDownLatch(1);
        stub.answer("POST", "/api/stream", r -> StubService.streamed("application/x-ndjson", out -> {
            out.send("{\"delta\":\"Hello\"}\n");
            rest.await(60, TimeUnit.SECONDS);
            out.send("{\"done\":true}\n");
        }));
        HttpRequest request = HttpRequest.newBuilder(URI.create(stub.url() + "/api/stream")).header("Authorization", "Bearer t")
                .POST(HttpRequest.BodyPublishers.noBody()).build();

        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).contains("application/x-ndjson");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("{\"delta\":\"Hello\"}");
            rest.countDown();
            assertThat(lines.readLine()).isEqualTo("{\"done\":true}");
            assertThat(lines.readLine()).isNull();
        }
    }
}
