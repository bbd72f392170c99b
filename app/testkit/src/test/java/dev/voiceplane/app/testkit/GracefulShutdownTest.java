package dev.voiceplane.app.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.ws.WebSocketSessions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GracefulShutdownTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of(SampleService.SPEC, SampleService::new);

    @Test
    void anAcknowledgedWriteSurvivesARestart() {
        String token = SERVICE.token("keeper", Role.USER);
        assertThat(SERVICE.http().post("/api/notes", Map.of("text", "remember me"), token).status()).isEqualTo(201);
        SERVICE.restart();
        assertThat(SERVICE.http().get("/api/notes", SERVICE.token("keeper", Role.USER)).json().toString()).isEqualTo("[\"remember me\"]");
    }

    @Test
    void aWebSocketNeedsATokenAndIsToldToGoAwayOnShutdown() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(SERVICE.baseUrl().replace("http", "ws") + "/ws/echo");
        assertThat(client.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { })
                .handle((ws, error) -> error).get(60, TimeUnit.SECONDS)).isNotNull();

        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        CompletableFuture<String> echo = new CompletableFuture<>();
        WebSocket socket = client.newWebSocketBuilder()
                .header("Authorization", "Bearer " + SERVICE.token("caller", Role.USER))
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        echo.complete(data.toString());
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closeCode.complete(statusCode);
                        return null;
                    }
                }).get(60, TimeUnit.SECONDS);
        socket.sendText("hello", true);
        assertThat(echo.get(60, TimeUnit.SECONDS)).isEqualTo("hello");

        SERVICE.stop();
        assertThat(closeCode.get(60, TimeUnit.SECONDS)).isEqualTo(WebSocketSessions.GOING_AWAY);
        SERVICE.start();
    }

    @Test
    void shutdownWaitsForInFlightRequestsAndTurnsReadinessOff() throws Exception {
        SampleService.entered = new CountDownLatch(1);
        SampleService.release = new CountDownLatch(1);
        String token = SERVICE.token("slow", Role.USER);
        TestHttp http = SERVICE.http();
        CompletableFuture<TestResponse> slow = CompletableFuture.supplyAsync(() -> http.get("/api/slow", token));
        assertThat(SampleService.entered.await(60, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(SERVICE::stop);
        assertThat(stopping).isNotDone();
        assertThatStillRunningFor(stopping);
        SampleService.release.countDown();

        assertThat(slow.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        stopping.get(60, TimeUnit.SECONDS);
        SERVICE.start();
    }

    /** The stop must be blocked on the in-flight request: it has not finished within 300 ms. */
    private static void assertThatStillRunningFor(CompletableFuture<Void> stopping) throws InterruptedException, ExecutionException {
        try {
            // Gives a wrong stop time to finish; a slow machine can only make this pass, never fail it falsely.
            stopping.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("shutdown finished while a request was still in flight");
        } catch (TimeoutException expected) {
            // still draining, as it should be
        }
    }
}
