package dev.voiceplane.app.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Request input checks that answer 400 with a message naming the field and what is wrong with it.
 * Request records validate themselves in their constructors with {@link #require}; this class turns
 * every way a body can be wrong into the same clear answer.
 */
public final class Input {

    /** Loose on purpose: one '@', no spaces, a dot in the domain; the confirmation mail is the real check. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    /** RFC 5321's limit on a forward path. */
    static final int MAX_EMAIL = 254;

    private Input() {
    }

    /** The request body as {@code type}; 400 naming the problem when it is missing, malformed or invalid. */
    public static <T> T body(Context ctx, Class<T> type) {
        String raw = ctx.body();
        if (raw.isBlank()) {
            throw new BadRequestResponse("request body is missing: expected a JSON object");
        }
        try {
            T value = Json.mapper().readValue(raw, type);
            if (value == null) {
                throw new BadRequestResponse("request body must be a JSON object, not null");
            }
            return value;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            throw new BadRequestResponse(cause != null && cause.getMessage() != null ? cause.getMessage() : e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            throw new BadRequestResponse("unknown field '" + e.getPropertyName() + "'; known fields: " + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            throw new BadRequestResponse(mismatch(e));
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("request body is not valid JSON for this endpoint: "
                    + ErrorHandling.withoutJavaNames(e.getOriginalMessage()));
        }
    }

    /** Throws {@link IllegalArgumentException} (mapped to 400) with {@code message} unless {@code condition}. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A present, non-blank string of at most {@code maxLength} characters. */
    public static String text(String field, String value, int maxLength) {
        require(value != null && !value.isBlank(), "field '" + field + "' is required");
        require(value.length() <= maxLength, "field '" + field + "' must be at most " + maxLength + " characters");
        return value.trim();
    }

    public static String matching(String field, String value, Pattern pattern, String expected) {
        require(value != null, "field '" + field + "' is required");
        require(pattern.matcher(value).matches(), "field '" + field + "' must be " + expected + ", got '" + abbreviate(value) + "'");
        return value;
    }

    /** An email address, trimmed and lower-cased (how accounts store and look it up). */
    public static String email(String field, String value) {
        String trimmed = value == null ? "" : value.trim();
        require(trimmed.length() <= MAX_EMAIL && EMAIL.matcher(trimmed).matches(), "field '" + field + "' must be an email address");
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** A path or query parameter that must match {@code pattern}. */
    public static String param(String name, String value, Pattern pattern, String expected) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new BadRequestResponse("parameter '" + name + "' must be " + expected + ", got '" + abbreviate(String.valueOf(value)) + "'");
        }
        return value;
    }

    /**
     * A value of the wrong kind, in words a client understands: the field's path and what it must
     * be. Jackson's own message names the Java type it wanted, which says nothing useful to a client.
     */
    static String mismatch(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
        String where = field.isEmpty() ? "request body" : "field '" + field + "'";
        if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("NUL character")) {
            return where + " must not contain a NUL character";
        }
        return where + " must be " + expected(e.getTargetType());
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 time such as 2026-01-31T09:30:00Z";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "a JSON object";
    }

    /** Echoing input back is useful, echoing a whole pasted document is not. */
    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
