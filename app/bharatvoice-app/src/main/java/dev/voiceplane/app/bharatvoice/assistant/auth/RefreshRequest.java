package dev.voiceplane.app.bharatvoice.assistant.auth;

import dev.voiceplane.app.core.http.Input;

/** Body of {@code POST /api/auth/refresh}. The token is never echoed in an error message. */
public record RefreshRequest(String refreshToken) {

    public RefreshRequest {
        Input.require(refreshToken != null && !refreshToken.isBlank(), "field 'refreshToken' is required");
        refreshToken = refreshToken.trim();
        Input.require(RefreshTokens.FORMAT.matcher(refreshToken).matches(),
                "field 'refreshToken' must be a refresh token as returned by /api/auth/login or /api/auth/refresh");
    }
}
