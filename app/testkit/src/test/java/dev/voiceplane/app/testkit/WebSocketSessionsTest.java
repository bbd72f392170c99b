package dev.voiceplane.app.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Core's count of open WebSockets ({@code websocket_sessions_active}), which shutdown waits on. */
class WebSocketSessionsTest {

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of(SampleService.SPEC, SampleService::new);

    /**
     * Issue 10: a socket its handler closed before core's tracker heard of the connect stayed
     * counted for ever, and shutdown waited its whole grace for it. The sample's endpoint forces
     * that order on every connect, so this does not depend on a race being won.
     */
    @Test
    void aSocketClosedBeforeItsConnectReachesTheTrackerIsNotCountedAsOpen() throws Exception {
        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + SERVICE.token("refused", Role.USER))
                .buildAsync(URI.create(SERVICE.baseUrl().replace("http", "ws") + SampleService.REFUSED_ELSEWHERE), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closeCode.complete(statusCode);
                        return null;
                    }
                }).get(60, TimeUnit.SECONDS);
        assertThat(closeCode.get(60, TimeUnit.SECONDS)).isEqualTo(SampleService.TRY_AGAIN_LATER);

        // The tracker hears of the connect once the handler returns, after the client saw the close.
        Await.until(() -> SERVICE.runtime().openWebSockets() == 0);
        assertThat(SERVICE.http().get("/metrics", null).raw()).contains("websocket_sessions_active{service=\"sample\"} 0.0");
    }
}
