package dev.voiceplane.cli.cluster;

/**
 * One recorded apply of a stack.
 *
 * @param number    1, 2, ... in the order applies happened
 * @param cause     what made it, e.g. {@code apply} or {@code rollback to 3}
 * @param appliedAt when, as an RFC 3339 time
 * @param objects   the stack's whole applied object set after it
 */
public record Revision(int number, String cause, String appliedAt, ObjectSet objects) {
}
