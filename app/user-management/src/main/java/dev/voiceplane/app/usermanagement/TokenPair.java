package dev.voiceplane.app.usermanagement;

import java.util.UUID;

/**
 * What a login or refresh answers.
 *
 * @param expiresIn            seconds until the access token expires
 * @param mfaEnrolmentRequired true when MFA is required by policy and this account has not enrolled yet
 */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn, UUID sessionId,
        boolean mfaEnrolmentRequired) {
}
