package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.http.Input;

/** Body of {@code POST /api/auth/refresh}. */
public record RefreshRequest(String refreshToken) {

    public RefreshRequest {
        Input.require(refreshToken != null && !refreshToken.isBlank(), "field 'refreshToken' is required");
    }
}
