package dev.voiceplane.app.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/**
 * One answer of the service under test.
 *
 * @param status  HTTP status
 * @param raw     the body as text
 * @param json    the body parsed, or a text node when it is not JSON
 * @param headers response headers
 */
public record TestResponse(int status, String raw, JsonNode json, HttpHeaders headers) {

    /** A field of the JSON body as text, e.g. {@code text("message")}. */
    public String text(String field) {
        return json.path(field).asText();
    }

    @Override
    public String toString() {
        return status + " " + raw;
    }
}
