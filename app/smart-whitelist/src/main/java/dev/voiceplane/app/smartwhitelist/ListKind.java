package dev.voiceplane.app.smartwhitelist;

/** Which list a number is on. */
public enum ListKind {
    /** Always put through (unless a rule says otherwise). */
    ALLOW,
    /** Never put through. */
    BLOCK
}
