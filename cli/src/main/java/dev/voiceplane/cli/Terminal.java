package dev.voiceplane.cli;

import java.io.PrintWriter;

/**
 * Where a command writes: stdout carries data, stderr carries progress and diagnostics. Colour is
 * used only when stderr is a terminal and NO_COLOR is unset (https://no-color.org).
 */
public final class Terminal {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean colour;

    public Terminal(PrintWriter out, PrintWriter err, boolean colour) {
        this.out = out;
        this.err = err;
        this.colour = colour;
    }

    /** The real console: colour when attached to a terminal. */
    public static Terminal system() {
        boolean tty = System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
        return new Terminal(new PrintWriter(System.out, true), new PrintWriter(System.err, true), tty);
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public void progress(String message) {
        err.println(paint("2", message));
        err.flush();
    }

    public void success(String message) {
        err.println(paint("32", message));
        err.flush();
    }

    public void error(String message) {
        err.println(paint("31", "error: ") + message);
        err.flush();
    }

    public void warn(String message) {
        err.println(paint("33", "warning: ") + message);
        err.flush();
    }

    /** {@code text} in the SGR colour {@code code} when colour is on (e.g. "31" red, "32" green); as is otherwise. */
    public String paint(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
