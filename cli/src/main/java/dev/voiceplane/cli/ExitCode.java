package dev.voiceplane.cli;

/** Exit codes of every voiceplane command, listed in {@code --help}. */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command ran and found a failure (validation errors, a diff under --exit-code, a failed apply). */
    public static final int FAILURE = 1;
    /** Bad input: an unknown flag or stack, a stack file with errors. Nothing was changed. */
    public static final int BAD_INPUT = 2;
    /** The cluster or the files are not in the state the command needs (e.g. nothing to roll back to). */
    public static final int UNEXPECTED_STATE = 3;
    /** A bug in voiceplane: please report it with the stack trace printed under --verbose. */
    public static final int INTERNAL_ERROR = 4;

    static final String HELP = "%nExit codes:%n"
            + "  0  ok%n"
            + "  1  failure (validation errors, differences with --exit-code, failed apply)%n"
            + "  2  bad input (unknown flag or stack, stack file errors); nothing changed%n"
            + "  3  unexpected state of the cluster or files%n"
            + "  4  internal error%n";

    private ExitCode() {
    }
}
