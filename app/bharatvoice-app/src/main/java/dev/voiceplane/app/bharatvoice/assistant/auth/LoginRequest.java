package dev.voiceplane.app.bharatvoice.assistant.auth;

import dev.voiceplane.app.core.auth.PasswordPolicy;
import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.app.core.telephony.PhoneNumber;

/**
 * Body of {@code POST /api/auth/login}: the email address or the phone number the account was
 * registered with (one of them), and the password.
 */
public record LoginRequest(String email, String phone, String password) {

    public LoginRequest {
        Input.require(email != null || phone != null, "field 'email' or field 'phone' is required");
        Input.require(email == null || phone == null, "give field 'email' or field 'phone', not both");
        email = email == null ? null : Input.email("email", email);
        phone = phone == null ? null : PhoneNumber.parse("phone", phone);
        PasswordPolicy.presented(password);
    }
}
