package dev.voiceplane.cli;

/** Exit codes of every voiceplane command, listed in {@code --help}. */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command ran and found a failure (validation errors, a failed apply). */
    public static final int FAILURE = 1;
    /** Bad input: an unknown flag or stack, a stack file with errors. Nothing was changed. */
    public static final int BAD_INPUT = 2;
    /** The cluster or the files are not in the state the command needs (e.g. nothing to roll back to). */
    public static final int UNEXPECTED_STATE = 3;
    /** A bug in voiceplane: please report it with the stack trace printed under --verbose. */
    public static final int INTERNAL_ERROR = 4;
    /** The cluster cannot be reached: distinct from "reached, and not ready" (3). */
    public static final int UNREACHABLE = 5;

    /** diff: something changes, no unaccepted risk (as helm-diff's --detailed-exitcode). */
    public static final int DIFF_CHANGES = 2;
    /** diff: at least one change of a risk class not accepted. */
    public static final int DIFF_RISKY = 3;

    /**
     * diff's own codes, as CI tools read a diff (helm diff --detailed-exitcode, terraform plan
     * -detailed-exitcode): 2 and 3 are results, so every error is 1 and can never pass for "changes".
     */
    static final String DIFF_HELP = "%nExit codes of diff:%n"
            + "  0  no changes%n"
            + "  1  error (bad flag or stack file, missing or unreadable baseline); nothing compared%n"
            + "  2  changes, none risky (or every risk accepted with --accept)%n"
            + "  3  risky changes: replace, data-loss, rbac-widened, network-opened, pdb-loosened, capacity-reduced, service-changed,%n"
            + "     stack-removed%n";

    static final String HELP = "%nExit codes:%n"
            + "  0  ok%n"
            + "  1  failure (validation errors, failed apply)%n"
            + "  2  bad input (unknown flag or stack, stack file errors); nothing changed%n"
            + "  3  unexpected state of the cluster or files (status: not ready; apply: a workload did not roll out)%n"
            + "  4  internal error%n"
            + "  5  the cluster cannot be reached (a kubeconfig without a usable context is 2)%n";

    private ExitCode() {
    }
}
