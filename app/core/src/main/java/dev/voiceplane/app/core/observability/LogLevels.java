package dev.voiceplane.app.core.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** Applies {@code LOG_LEVEL} (DEBUG, INFO, WARN, ERROR) to the service's own loggers. */
public final class LogLevels {

    private LogLevels() {
    }

    public static void apply(Optional<String> level) {
        level.ifPresent(name -> {
            String upper = name.toUpperCase(Locale.ROOT);
            if (!upper.matches("TRACE|DEBUG|INFO|WARN|ERROR")) {
                throw new dev.voiceplane.app.core.config.ConfigException(
                        "environment variable LOG_LEVEL='" + name + "' must be one of DEBUG, INFO, WARN, ERROR");
            }
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                Logger logger = context.getLogger("dev.voiceplane");
                logger.setLevel(Level.toLevel(upper));
            }
        });
    }
}
