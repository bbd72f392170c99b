package dev.voiceplane.cli;

import dev.voiceplane.cli.cluster.ClusterUnreachableException;
import dev.voiceplane.cli.cluster.KubeconfigException;
import dev.voiceplane.cli.diff.UnreadableBaselineException;
import dev.voiceplane.stack.ConfigProblem;
import dev.voiceplane.stack.StackConfigException;
import dev.voiceplane.stack.UnknownStackException;
import dev.voiceplane.synth.SynthException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of every verb: runs it and turns what went wrong into a message for a person and a
 * distinct exit code, so scripts can tell bad input from a failure from a bug. Under
 * {@code --output json} every error is also one {@link ErrorEnvelope} on stdout.
 */
abstract class VoiceplaneCommand implements Callable<Integer> {
    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of unexpected errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    Terminal terminal = Terminal.system();

    /** The command's work; returns an {@link ExitCode}. */
    abstract int run() throws Exception;

    /** The exit code an error of {@code code} gives; diff makes every error 1. */
    int errorCode(int code) {
        return code;
    }

    /** Reports an error (stderr, and the JSON envelope under --output json) and returns its exit code. */
    final int fail(int code, String message) {
        return fail(code, message, List.of());
    }

    final int badInput(String message) {
        return fail(ExitCode.BAD_INPUT, message);
    }

    private int fail(int code, String message, List<ConfigProblem> problems) {
        int exit = errorCode(code);
        terminal.error(message);
        problems.forEach(p -> terminal.err().println("  " + p));
        terminal.err().flush();
        if (jsonOutput()) {
            terminal.out().println(ErrorEnvelope.of(spec.name(), exit, code, message, problems));
            terminal.out().flush();
        }
        return exit;
    }

    /** Whether the command's {@code --output} asks for JSON (every verb with one names it so). */
    private boolean jsonOutput() {
        OptionSpec output = spec == null ? null : spec.findOption("--output");
        return output != null && output.getValue() != null && "json".equals(output.getValue().toString());
    }

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (picocli.CommandLine.ParameterException e) {
            return fail(ExitCode.BAD_INPUT, e.getMessage());
        } catch (UnknownStackException e) {
            return fail(ExitCode.BAD_INPUT, e.getMessage());
        } catch (StackConfigException e) {
            return fail(ExitCode.BAD_INPUT, e.summary(), e.problems());
        } catch (KubeconfigException e) {
            return fail(ExitCode.BAD_INPUT, e.getMessage());
        } catch (UnreadableBaselineException e) {
            return fail(ExitCode.UNEXPECTED_STATE, e.getMessage());
        } catch (ClusterUnreachableException e) {
            return fail(ExitCode.UNREACHABLE, e.getMessage());
        } catch (KubernetesClientException e) {
            // The API server refused a request (forbidden, invalid, conflict): its message says why.
            return fail(ExitCode.FAILURE, "the cluster refused: " + (e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : e.getMessage()));
        } catch (SynthException e) {
            return fail(ExitCode.FAILURE, e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(ExitCode.FAILURE, e.getMessage());
        } catch (software.amazon.jsii.JsiiError e) {
            // cdk8s runs on Node through jsii; its errors carry a Node stack trace nobody can act on.
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return fail(ExitCode.FAILURE, "the cdk8s runtime (jsii on Node) failed: " + first
                    + (first.contains(".cache") ? "; HOME must be writable, or set JSII_RUNTIME_PACKAGE_CACHE_ROOT to a writable directory" : ""));
        } catch (Exception e) {
            int code = fail(ExitCode.INTERNAL_ERROR, "internal error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)"));
            if (verbose) {
                e.printStackTrace(terminal.err());
                terminal.err().flush();
            }
            return code;
        }
    }
}
