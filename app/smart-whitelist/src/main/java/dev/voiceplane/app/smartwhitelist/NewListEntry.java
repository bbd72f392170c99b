package dev.voiceplane.app.smartwhitelist;

import dev.voiceplane.app.core.telephony.PhoneNumber;

import dev.voiceplane.app.core.http.Input;

/**
 * Request body of {@code POST /api/users/{userId}/entries}.
 *
 * @param replace move the number from the other list when it is on one; without it that is a 409,
 *                so a client that meant to add never silently unblocks a blocked number
 */
public record NewListEntry(String number, ListKind kind, String label, Boolean replace) {

    public NewListEntry {
        number = PhoneNumber.parse("number", number);
        Input.require(kind != null, "field 'kind' is required: ALLOW or BLOCK");
        label = label == null ? "" : label.trim();
        Input.require(label.length() <= 100, "field 'label' must be at most 100 characters");
        replace = Boolean.TRUE.equals(replace);
    }
}
