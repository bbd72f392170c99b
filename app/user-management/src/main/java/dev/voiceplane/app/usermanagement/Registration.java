package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.PasswordPolicy;
import dev.voiceplane.app.core.http.Input;

/** Body of {@code POST /api/auth/register}. */
public record Registration(String email, String password, String displayName) {

    public Registration {
        email = Input.email("email", email);
        PasswordPolicy.chosen(password);
        displayName = displayName == null ? "" : displayName.trim();
        Input.require(displayName.length() <= 100, "field 'displayName' must be at most 100 characters");
    }
}
