package dev.voiceplane.app.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SigV4 credential scope is checked before any operation runs, as AWS does
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html): a request the
 * stand-in refuses stores nothing, and a refusal is counted and explained.
 */
class AwsStandInTest {

    static final String SCOPE = "AWS4-HMAC-SHA256 Credential=AKID/20261130/%s/%s/aws4_request, SignedHeaders=host, Signature=00";
    final AwsStandIn aws = AwsStandIn.start("ap-south-1").bucket("media");
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        aws.close();
    }

    HttpResponse<String> put(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(aws.endpoint() + path))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0x80, 1}));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnsignedOrMisscopedRequestIsRefusedBeforeItStoresAnything() throws Exception {
        HttpResponse<String> unsigned = put("/media/a.wav", null);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("<Code>AuthorizationHeaderMalformed</Code>");
        assertThat(unsigned.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(put("/media/a.wav", "AWS4-HMAC-SHA256 Signature=00").statusCode()).isEqualTo(403);
        assertThat(put("/media/a.wav", String.format(SCOPE, "ap-south-1", "polly")).statusCode()).isEqualTo(403);

        assertThat(aws.s3().object("media", "a.wav")).isEmpty();
        assertThat(aws.calls("PutObject")).as("refusals count as calls").isEqualTo(3);
        assertThat(aws.refused()).containsExactly("PutObject: no SigV4 Authorization header",
                "PutObject: the Authorization header has no credential scope", "PutObject: signed for service 'polly', not 's3'");
    }

    @Test
    void aRequestSignedForThisRegionAndServiceIsServedWithItsBytesIntact() throws Exception {
        HttpResponse<String> stored = put("/media/a.wav", String.format(SCOPE, "ap-south-1", "s3"));

        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.headers().firstValue("ETag")).isPresent();
        assertThat(stored.headers().firstValue("Content-Type")).as("PutObject answers no body and no type").isEmpty();
        assertThat(aws.s3().object("media", "a.wav")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly((byte) 0x80, 1));
        assertThat(aws.refused()).isEmpty();
    }
}
