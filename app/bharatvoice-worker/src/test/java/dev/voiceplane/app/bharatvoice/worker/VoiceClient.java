package dev.voiceplane.app.bharatvoice.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.bharatvoice.queue.JobStatus;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.TestResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A BharatVoice user's side of a voice query: upload a recording, wait for its job, fetch the spoken answer. */
final class VoiceClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final ServiceUnderTest app;

    VoiceClient(ServiceUnderTest app) {
        this.app = app;
    }

    /** Uploads {@code wav}; returns the job id the 202 names. */
    String upload(byte[] wav, String language, String token) throws Exception {
        String query = language == null ? "" : "?language=" + language;
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/voice/uploads" + query))
                .header("Content-Type", "audio/wav").header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
        }
        return Json.mapper().readTree(response.body()).path("jobId").asText();
    }

    /** {@code GET /api/jobs/{id}} once the job is {@code status}, within {@code bound}. */
    JsonNode await(String jobId, JobStatus status, String token, Duration bound) {
        Await.until(() -> status.name().equals(app.http().get("/api/jobs/" + jobId, token).text("status")), bound);
        return app.http().get("/api/jobs/" + jobId, token).json();
    }

    TestResponse job(String jobId, String token) {
        return app.http().get("/api/jobs/" + jobId, token);
    }

    HttpResponse<byte[]> audio(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
