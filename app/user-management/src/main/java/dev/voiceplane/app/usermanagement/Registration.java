package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.http.Input;
import java.util.Locale;
import java.util.regex.Pattern;

/** Body of {@code POST /api/auth/register}. */
public record Registration(String email, String password, String displayName) {

    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 256;

    public Registration {
        email = normaliseEmail(email);
        Input.require(password != null && password.length() >= MIN_PASSWORD,
                "field 'password' must be at least " + MIN_PASSWORD + " characters");
        Input.require(password.length() <= MAX_PASSWORD, "field 'password' must be at most " + MAX_PASSWORD + " characters");
        displayName = displayName == null ? "" : displayName.trim();
        Input.require(displayName.length() <= 100, "field 'displayName' must be at most 100 characters");
    }

    static String normaliseEmail(String email) {
        Input.require(email != null && email.length() <= 254 && EMAIL.matcher(email.trim()).matches(),
                "field 'email' must be an email address");
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
