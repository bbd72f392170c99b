package dev.voiceplane.cli;

import dev.voiceplane.cli.cluster.ClusterUnreachableException;
import dev.voiceplane.cli.diff.UnreadableBaselineException;
import dev.voiceplane.stack.StackConfigException;
import dev.voiceplane.stack.UnknownStackException;
import dev.voiceplane.synth.SynthException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * Base of every verb: runs it and turns what went wrong into a message for a person and a
 * distinct exit code, so scripts can tell bad input from a failure from a bug.
 */
abstract class VoiceplaneCommand implements Callable<Integer> {
    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of unexpected errors.")
    boolean verbose;

    Terminal terminal = Terminal.system();

    /** The command's work; returns an {@link ExitCode}. */
    abstract int run() throws Exception;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (UnknownStackException e) {
            terminal.error(e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (StackConfigException e) {
            terminal.error("the stack file has " + e.problems().size() + " problem(s):");
            e.problems().forEach(p -> terminal.err().println("  " + p));
            terminal.err().flush();
            return ExitCode.BAD_INPUT;
        } catch (UnreadableBaselineException e) {
            terminal.error(e.getMessage());
            return ExitCode.UNEXPECTED_STATE;
        } catch (ClusterUnreachableException e) {
            terminal.error(e.getMessage());
            return ExitCode.UNEXPECTED_STATE;
        } catch (KubernetesClientException e) {
            // The API server refused a request (forbidden, invalid, conflict): its message says why.
            terminal.error("the cluster refused: " + (e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : e.getMessage()));
            return ExitCode.FAILURE;
        } catch (SynthException e) {
            terminal.error(e.getMessage());
            return ExitCode.FAILURE;
        } catch (UncheckedIOException e) {
            terminal.error(e.getMessage());
            return ExitCode.FAILURE;
        } catch (Exception e) {
            terminal.error("internal error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)"));
            if (verbose) {
                e.printStackTrace(terminal.err());
                terminal.err().flush();
            }
            return ExitCode.INTERNAL_ERROR;
        }
    }
}
