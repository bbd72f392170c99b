package dev.voiceplane.app.smartwhitelist;

import dev.voiceplane.app.core.telephony.PhoneNumber;

/** One phone-book contact in {@code PUT /api/users/{userId}/contacts}; contacts are put through. */
public record Contact(String number, String name) {

    public Contact {
        number = PhoneNumber.parse("number", number);
        name = name == null ? "" : name.trim();
        dev.voiceplane.app.core.http.Input.require(name.length() <= 100, "field 'name' must be at most 100 characters");
    }
}
