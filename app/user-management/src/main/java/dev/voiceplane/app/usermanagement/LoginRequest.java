package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.PasswordPolicy;
import dev.voiceplane.app.core.http.Input;

/**
 * Body of {@code POST /api/auth/login}.
 *
 * @param totpCode          the authenticator's current code, required once MFA is on
 * @param deviceFingerprint a stable id the client app derives for the device (stored hashed)
 * @param deviceLabel       what the user sees in their session list, e.g. "Pixel 8, Android app"
 */
public record LoginRequest(String email, String password, String totpCode, String deviceFingerprint, String deviceLabel) {

    public LoginRequest {
        email = Input.email("email", email);
        PasswordPolicy.presented(password);
        deviceFingerprint = Input.text("deviceFingerprint", deviceFingerprint, 512);
        deviceLabel = deviceLabel == null ? "" : deviceLabel.trim();
        Input.require(deviceLabel.length() <= 100, "field 'deviceLabel' must be at most 100 characters");
    }
}
