package dev.voiceplane.app.smartwhitelist;

import dev.voiceplane.app.core.http.Input;
import java.util.regex.Pattern;

/**
 * A caller-number pattern in the wildcard form users type: {@code +4930*} (Berlin), {@code +1800*}
 * (toll-free), {@code *0000}. {@code *} stands for any digits, {@code ?} for one digit. Wildcards
 * are compiled to an anchored regular expression; no other regex syntax gets through.
 */
public record NumberPattern(String text) {

    private static final Pattern SYNTAX = Pattern.compile("[+0-9*?]{1,20}");

    public NumberPattern {
        Input.require(text != null && SYNTAX.matcher(text).matches(),
                "field 'pattern' must use only '+', digits, '*' (any digits) and '?' (one digit), e.g. +4930*; got '" + text + "'");
    }

    public boolean matches(String number) {
        return regex().matcher(number).matches();
    }

    private Pattern regex() {
        StringBuilder regex = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '*' -> regex.append("[+0-9]*");
                case '?' -> regex.append("[0-9]");
                case '+' -> regex.append("\\+");
                default -> regex.append(c);
            }
        }
        return Pattern.compile(regex.toString());
    }
}
