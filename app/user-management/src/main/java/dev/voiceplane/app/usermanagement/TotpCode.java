package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.http.Input;
import java.util.regex.Pattern;

/** Body of the MFA confirm and disable endpoints. */
public record TotpCode(String code) {

    public TotpCode {
        Input.matching("code", code, Pattern.compile("[0-9]{6}"), "the 6-digit code from the authenticator app");
    }
}
