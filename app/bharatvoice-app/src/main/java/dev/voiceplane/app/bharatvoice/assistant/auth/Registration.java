package dev.voiceplane.app.bharatvoice.assistant.auth;

import dev.voiceplane.app.core.auth.PasswordPolicy;
import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.app.core.telephony.PhoneNumber;
import java.util.regex.Pattern;

/**
 * Body of {@code POST /api/auth/register}. An email address, a phone number or both; whichever is
 * given can be used to log in. Whether {@code preferredLanguage} is served here is checked by
 * {@link AuthService} against {@code SUPPORTED_LANGUAGES}.
 *
 * @param email             an email address (stored lower-case)
 * @param phone             an E.164 number such as +919876543210 (spaces, dashes and brackets are removed)
 * @param password          12 to 256 characters
 * @param preferredLanguage ISO 639-1 code of the language the user wants answers in
 */
public record Registration(String email, String phone, String password, String preferredLanguage) {

    static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    public Registration {
        Input.require(email != null || phone != null, "field 'email' or field 'phone' is required");
        email = email == null ? null : Input.email("email", email);
        phone = phone == null ? null : PhoneNumber.parse("phone", phone);
        PasswordPolicy.chosen(password);
        preferredLanguage = Input.matching("preferredLanguage", preferredLanguage == null ? null : preferredLanguage.trim(),
                LANGUAGE, "an ISO 639-1 code such as hi");
    }
}
