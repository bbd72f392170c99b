package dev.voiceplane.app.core.telephony;

import dev.voiceplane.app.core.http.Input;
import java.util.regex.Pattern;

/** Shared by every ai-ninja service that handles callers. Phone numbers are stored and compared in E.164 form (ITU-T E.164: '+', country code, up to 15 digits). */
public final class PhoneNumber {

    public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    public static final String EXPECTED = "an E.164 number such as +4930123456";

    private PhoneNumber() {
    }

    /** {@code value} with spaces, dashes and brackets removed, checked to be E.164; 400 naming {@code field} otherwise. */
    public static String parse(String field, String value) {
        String compact = value == null ? null : value.replaceAll("[\\s()\\-.]", "");
        return Input.matching(field, compact, E164, EXPECTED);
    }
}
