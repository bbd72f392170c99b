package dev.voiceplane.app.bharatvoice.assistant.auth;

import java.time.Instant;
import java.util.UUID;

/** A stored BharatVoice user. {@code passwordHash} never leaves the service: see {@link #view()}. */
public record UserAccount(UUID id, String email, String phone, String passwordHash, String preferredLanguage, Instant createdAt) {

    /** The account as the API shows it. */
    public View view() {
        return new View(id, email, phone, preferredLanguage, createdAt);
    }

    public record View(UUID userId, String email, String phone, String preferredLanguage, Instant createdAt) {
    }
}
