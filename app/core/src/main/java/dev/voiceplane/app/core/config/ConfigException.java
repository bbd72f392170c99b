package dev.voiceplane.app.core.config;

/** The environment does not configure the service correctly; the message names every bad variable. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
