package dev.voiceplane.app.core.observability;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.JdbiException;

/**
 * Makes a failure safe to log: the values a failed SQL statement was given never reach a log line.
 * They come from two places: Jdbi's message lists a statement's bound arguments (a bcrypt hash, a
 * TOTP seed, a phone number, transcript text), and PostgreSQL's own message quotes the value it
 * could not take ({@code invalid input syntax for type integer: "…"}). Jdbi is told not to render
 * arguments ({@code Database}); this class also blanks every quoted span and argument list in the
 * message of a database exception and of everything it caused, keeping class and stack trace so
 * the log still says where it failed.
 */
public final class LogSafe {

    private static final Pattern ARGUMENTS = Pattern.compile("arguments:\\{.*\\}\\]?", Pattern.DOTALL);
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final Pattern SINGLE_QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern DETAIL_VALUES = Pattern.compile("=\\([^)]*\\)");

    private LogSafe() {
    }

    /** {@code error} itself when no database exception is in its chain, otherwise a copy with the values blanked. */
    public static Throwable redact(Throwable error) {
        if (!involvesDatabase(error)) {
            return error;
        }
        return copy(error, new IdentityHashMap<>());
    }

    /** A one-line description ({@code toString()}) of {@code error}, with the values blanked. */
    public static String describe(Throwable error) {
        return redact(error).toString();
    }

    /** {@code message} with quoted values and argument lists blanked. */
    public static String blank(String message) {
        if (message == null) {
            return null;
        }
        String result = ARGUMENTS.matcher(message).replaceAll("arguments:(redacted)]");
        result = DETAIL_VALUES.matcher(result).replaceAll("=(redacted)");
        result = DOUBLE_QUOTED.matcher(result).replaceAll("\"(redacted)\"");
        return SINGLE_QUOTED.matcher(result).replaceAll("'(redacted)'");
    }

    private static boolean involvesDatabase(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException || t instanceof JdbiException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable copy(Throwable error, Map<Throwable, Throwable> seen) {
        Throwable known = seen.get(error);
        if (known != null) {
            return known;
        }
        Redacted copy = new Redacted(error.getClass().getName() + ": " + blank(error.getMessage()));
        seen.put(error, copy);
        copy.setStackTrace(error.getStackTrace());
        if (error.getCause() != null && error.getCause() != error) {
            copy.initCause(copy(error.getCause(), seen));
        }
        return copy;
    }

    /** Stands in for the original exception in a log line: its class name and blanked message. */
    static final class Redacted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Redacted(String description) {
            super(description);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
