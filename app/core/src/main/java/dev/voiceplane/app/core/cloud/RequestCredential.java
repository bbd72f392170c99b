package dev.voiceplane.app.core.cloud;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a request to a cloud API proves who sends it: one header, a fixed key or a bearer token fetched
 * when the request is built. Clients put {@link #headers()} on each request
 * ({@code HttpRequest.Builder.headers(credential.headers())}) and never see which kind it is. The value
 * never appears in {@link #toString()}.
 */
public final class RequestCredential {
    private final String header;
    private final Supplier<String> value;

    private RequestCredential(String header, Supplier<String> value) {
        this.header = Objects.requireNonNull(header, "header");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** A key in a header of its own, e.g. {@code api-key} or {@code Ocp-Apim-Subscription-Key}. */
    public static RequestCredential header(String name, String key) {
        Objects.requireNonNull(key, "key");
        return new RequestCredential(name, () -> key);
    }

    /** {@code Authorization: Bearer <token>}, the token asked for on every request (the supplier caches). */
    public static RequestCredential bearer(Supplier<String> token) {
        return new RequestCredential("Authorization", () -> "Bearer " + token.get());
    }

    /** The header's name and value, for {@code HttpRequest.Builder.headers(...)}. */
    public String[] headers() {
        return new String[] {header, value.get()};
    }

    /** The header's name: which kind of credential, never its value. */
    public String headerName() {
        return header;
    }

    @Override
    public String toString() {
        return "RequestCredential[" + header + "]";
    }
}
