package dev.voiceplane.app.core.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Refuses a JSON string holding a NUL character ({@code \u0000}) wherever it appears in a request
 * body, so every text field of every service gets a 400 naming the field instead of a database
 * error. One place instead of a check in each record.
 */
final class NoNulStrings extends StringDeserializer {

    private NoNulStrings() {
    }

    static SimpleModule module() {
        return new SimpleModule("no-nul-strings").addDeserializer(String.class, new NoNulStrings());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = super.deserialize(parser, context);
        if (value != null && value.indexOf('\0') >= 0) {
            throw new InvalidFormatException(parser, "must not contain a NUL character", "", String.class);
        }
        return value;
    }
}
