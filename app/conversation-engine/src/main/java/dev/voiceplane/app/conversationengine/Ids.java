package dev.voiceplane.app.conversationengine;

import java.util.regex.Pattern;

/** The forms of the identifiers the API accepts. */
final class Ids {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String ID_EXPECTED = "1-64 letters, digits, '-' or '_'";
    static final int MAX_TEXT = 2_000;

    private Ids() {
    }
}
