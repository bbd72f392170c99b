package dev.voiceplane.app.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transcribe's documented AWS JSON 1.1 wire format, spoken by hand (the SDK itself now picks RPC v2
 * CBOR): a job on media in the region's bucket completes, and its TranscriptFileUri names the result
 * JSON that S3 then serves; the documented errors come back as {@code __type} and {@code Message}.
 */
class TranscribeJson11Test {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SIGNED = "AWS4-HMAC-SHA256 Credential=AKID/20261130/ap-south-1/%s/aws4_request, SignedHeaders=host, Signature=00";
    final AwsStandIn aws = AwsStandIn.start("ap-south-1").bucket("media");
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        aws.close();
    }

    HttpResponse<byte[]> send(String method, String path, String service, String target, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(aws.endpoint() + path))
                .header("Authorization", String.format(SIGNED, service))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (target != null) {
            request.header("X-Amz-Target", "Transcribe." + target).header("Content-Type", "application/x-amz-json-1.1");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode transcribe(String operation, String json) throws Exception {
        HttpResponse<byte[]> response = send("POST", "/", "transcribe", operation, json.getBytes(StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(response.body());
        return body;
    }

    @Test
    void aJobOnMediaInTheRegionsBucketWritesTheDocumentedResultAtItsTranscriptFileUri() throws Exception {
        byte[] media = "RIFF....WAVE".getBytes(StandardCharsets.US_ASCII);
        assertThat(send("PUT", "/media/in/a.wav", "s3", null, media).statusCode()).isEqualTo(200);
        aws.transcribe().hears(media, "ta-IN", "வணக்கம்").pollsBeforeDone(1);

        JsonNode started = transcribe("StartTranscriptionJob", """
                {"TranscriptionJobName":"j-1","Media":{"MediaFileUri":"s3://media/in/a.wav"},"MediaFormat":"wav",
                 "IdentifyLanguage":true,"LanguageOptions":["hi-IN","ta-IN"],"OutputBucketName":"media","OutputKey":"out/j-1.json"}""");
        assertThat(started.path("TranscriptionJob").path("TranscriptionJobStatus").asText()).isEqualTo("IN_PROGRESS");
        assertThat(transcribe("GetTranscriptionJob", "{\"TranscriptionJobName\":\"j-1\"}").path("TranscriptionJob")
                .path("TranscriptionJobStatus").asText()).isEqualTo("IN_PROGRESS");
        JsonNode done = transcribe("GetTranscriptionJob", "{\"TranscriptionJobName\":\"j-1\"}").path("TranscriptionJob");

        assertThat(done.path("TranscriptionJobStatus").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("LanguageCode").asText()).isEqualTo("ta-IN");
        assertThat(done.path("CreationTime").isNumber()).as("JSON 1.1 timestamps are epoch seconds").isTrue();
        String uri = done.path("Transcript").path("TranscriptFileUri").asText();
        assertThat(uri).isEqualTo("https://s3.ap-south-1.amazonaws.com/media/out/j-1.json");
        JsonNode result = JSON.readTree(send("GET", "/media/out/j-1.json", "s3", null, new byte[0]).body());
        assertThat(result.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("results").path("transcripts").get(0).path("transcript").asText()).isEqualTo("வணக்கம்");
        assertThat(result.path("results").path("language_code").asText()).isEqualTo("ta-IN");
        assertThat(result.path("results").path("items").get(0).path("alternatives").get(0).path("content").asText()).isEqualTo("வணக்கம்");
    }

    @Test
    void documentedRefusalsComeBackAsTypedErrors() throws Exception {
        aws.bucket("far-away", "eu-west-1");
        send("PUT", "/media/a.wav", "s3", null, new byte[] {1});

        JsonNode oneOption = transcribe("StartTranscriptionJob", """
                {"TranscriptionJobName":"j-2","Media":{"MediaFileUri":"s3://media/a.wav"},"IdentifyLanguage":true,"LanguageOptions":["hi-IN"]}""");
        assertThat(oneOption.path("__type").asText()).isEqualTo("BadRequestException");
        assertThat(oneOption.path("Message").asText()).contains("at least two");

        JsonNode missing = transcribe("StartTranscriptionJob", """
                {"TranscriptionJobName":"j-3","Media":{"MediaFileUri":"s3://media/none.wav"},"LanguageCode":"hi-IN"}""");
        assertThat(missing.path("Message").asText()).contains("doesn't point to an S3 object");

        JsonNode otherRegion = transcribe("StartTranscriptionJob", """
                {"TranscriptionJobName":"j-4","Media":{"MediaFileUri":"s3://media/a.wav"},"LanguageCode":"hi-IN","OutputBucketName":"far-away"}""");
        assertThat(otherRegion.path("Message").asText()).contains("is in eu-west-1");

        transcribe("StartTranscriptionJob", "{\"TranscriptionJobName\":\"j-5\",\"Media\":{\"MediaFileUri\":\"s3://media/a.wav\"},\"LanguageCode\":\"hi-IN\"}");
        JsonNode again = transcribe("StartTranscriptionJob", "{\"TranscriptionJobName\":\"j-5\",\"Media\":{\"MediaFileUri\":\"s3://media/a.wav\"},\"LanguageCode\":\"hi-IN\"}");
        assertThat(again.path("__type").asText()).isEqualTo("ConflictException");

        HttpResponse<byte[]> wrongRegion = http.send(HttpRequest.newBuilder(URI.create(aws.endpoint() + "/"))
                .header("Authorization", SIGNED.replace("ap-south-1", "us-east-1").formatted("transcribe"))
                .header("X-Amz-Target", "Transcribe.GetTranscriptionJob").header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"TranscriptionJobName\":\"j-5\"}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(wrongRegion.statusCode()).isEqualTo(403);
        assertThat(aws.refused()).containsExactly("GetTranscriptionJob: the region 'us-east-1' is wrong; expecting 'ap-south-1'");
    }
}
