package dev.voiceplane.cli;

/** How {@code diff} reports on stdout: unified diffs for a person, JSON for a machine, Markdown for a pull-request comment. */
public enum DiffFormat {
    text,
    json,
    markdown
}
