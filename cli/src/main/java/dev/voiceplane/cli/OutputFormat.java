package dev.voiceplane.cli;

/** How a command reports on stdout: for a person, or for a machine. */
public enum OutputFormat {
    text,
    json
}
