package dev.voiceplane.app.bharatvoice.assistant.auth;

import dev.voiceplane.app.core.http.Input;
import dev.voiceplane.app.core.telephony.PhoneNumber;
import java.util.Locale;
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

    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 256;

    public Registration {
        Input.require(email != null || phone != null, "field 'email' or field 'phone' is required");
        email = email == null ? null : email(email);
        phone = phone == null ? null : PhoneNumber.parse("phone", phone);
        // Never echo the password: the messages name the field and the rule only.
        Input.require(password != null && !password.isEmpty(), "field 'password' is required");
        Input.require(password.length() >= MIN_PASSWORD, "field 'password' must be at least " + MIN_PASSWORD + " characters");
        Input.require(password.length() <= MAX_PASSWORD, "field 'password' must be at most " + MAX_PASSWORD + " characters");
        preferredLanguage = Input.matching("preferredLanguage", preferredLanguage == null ? null : preferredLanguage.trim(),
                LANGUAGE, "an ISO 639-1 code such as hi");
    }

    /** {@code value} trimmed and lower-cased; 400 naming the field unless it looks like an address. */
    static String email(String value) {
        String trimmed = value.trim();
        Input.require(trimmed.length() <= 254 && EMAIL.matcher(trimmed).matches(), "field 'email' must be an email address");
        return trimmed.toLowerCase(Locale.ROOT);
    }
}
