package dev.voiceplane.app.bharatvoice.queue;

import org.jdbi.v3.core.Handle;

/**
 * Keeps an erased user erased while work for them is still in flight. The assistant (queries,
 * uploads) and the worker (job outcomes) write rows keyed by a user id; an erasure may run between
 * a request's start and its write, or while a job runs. Every such write runs in a transaction
 * that first calls {@link #writableFor}: a shared advisory lock on the user (writers never wait
 * for each other) and a look at the erasure record. An erasure holds the same lock exclusively
 * ({@link #lockForErasure}) while it records the erasure and deletes the rows, so a write either
 * committed before it (and is deleted by it) or sees the record and writes nothing
 * (PostgreSQL advisory locks: https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS).
 *
 * <p>The record is a {@code privacy_event} row with {@code action = 'erasure'} (bharatvoice-app's
 * migration V4): pseudonymous (the user id, who erased, when), kept as the audit of the erasure.
 */
public final class ErasedUsers {

    /** A key of its own, so the lock never collides with another use of advisory locks on the same database. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock%s(hashtextextended('bharatvoice-user:' || :u, 0))";

    private ErasedUsers() {
    }

    /** Thrown by a write that found its user erased (it wrote nothing); the worker discards the job. */
    public static final class UserErasedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserErasedException(String userId) {
            super("user " + userId + " was erased; nothing of theirs is written");
        }

        /** Whether {@code failure} or one of its causes is this exception. */
        public static boolean in(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof UserErasedException) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Whether rows of {@code userId} may be written in this transaction: false once the user was
     * erased. A null user (a job with no owner) is always writable. Call inside the transaction
     * that writes; the lock is held until it ends.
     */
    public static boolean writableFor(Handle h, String userId) {
        if (userId == null) {
            return true;
        }
        h.createQuery(LOCK.formatted("_shared")).bind("u", userId).mapToMap().one();
        return !erased(h, userId);
    }

    /** Takes the user's lock exclusively, until the transaction ends: no write of theirs commits meanwhile. */
    public static void lockForErasure(Handle h, String userId) {
        h.createQuery(LOCK.formatted("")).bind("u", userId).mapToMap().one();
    }

    /** Whether {@code userId} was erased. */
    public static boolean erased(Handle h, String userId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM privacy_event WHERE user_id = :u AND action = 'erasure')")
                .bind("u", userId).mapTo(Boolean.class).one();
    }
}
