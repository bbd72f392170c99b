package dev.voiceplane.app.bharatvoice.assistant.auth;

import java.util.UUID;

/**
 * What a login or a refresh answers.
 *
 * @param accessToken       HS256 JWT for {@code Authorization: Bearer}, role {@code user}
 * @param refreshToken      opaque; exchange it once at {@code /api/auth/refresh}
 * @param expiresIn         seconds until the access token expires
 * @param refreshExpiresIn  seconds until the refresh token expires unless used
 * @param sessionId         the login (refresh-token family) both tokens belong to
 */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn, long refreshExpiresIn,
        UUID userId, UUID sessionId, String preferredLanguage) {
}
