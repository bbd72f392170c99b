package dev.voiceplane.app.conversationengine;

import java.util.regex.Pattern;

/** The forms of the identifiers the API accepts. */
final class Ids {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String ID_EXPECTED = "1-64 letters, digits, '-' or '_'";
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    static final String E164_EXPECTED = "an E.164 number such as +4915112345678";
    static final int MAX_TEXT = 2_000;

    private Ids() {
    }
}
