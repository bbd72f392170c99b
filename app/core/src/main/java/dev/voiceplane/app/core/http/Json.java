package dev.voiceplane.app.core.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration every service speaks: ISO-8601 times, unknown fields rejected, and no
 * string with a NUL character: PostgreSQL cannot store one in text (it fails the statement, a 500),
 * and no phone number, name or transcript has one (see {@link NoNulStrings}).
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A misspelt field silently ignored is a setting silently not applied: reject it with a 400.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(NoNulStrings.module());

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
