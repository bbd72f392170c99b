package dev.voiceplane.app.smartwhitelist;

import java.time.Instant;

/**
 * A number on one user's allow or block list.
 *
 * @param source {@code MANUAL} when added one by one, {@code CONTACT} when imported from the phone book
 */
public record ListEntry(long id, String userId, String number, ListKind kind, String source, String label, Instant createdAt) {
}
