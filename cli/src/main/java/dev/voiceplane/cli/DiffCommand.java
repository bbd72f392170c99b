package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.cli.diff.ManifestDiff;
import dev.voiceplane.cli.diff.ObjectChange;
import dev.voiceplane.cli.diff.StackDiff;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Synthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voiceplane diff}: what synthesizing a stack now would change against an earlier synthesis
 * of it — on a pull request, the base branch's {@code synth} output. Writes nothing. Changes that
 * can lose data (deleting a claim, a StatefulSet or anything marked as holding data; changing a
 * field that forces an object to be made again) fail the command unless {@code --allow-data-loss}
 * says they are meant.
 */
@Command(name = "diff", description = "Show what synthesizing a stack now changes against an earlier synth of it "
        + "(e.g. the base branch's), object by object; fail on changes that can lose data.",
        footer = {"%nOn a pull request (the base revision is synthesized by its own build):%n"
                + "  git worktree add ../base origin/main%n"
                + "  (cd ../base && mvn -B -q package -DskipTests && cli/target/voiceplane synth --all --out \"$OLDPWD/base-dist\")%n"
                + "  cli/target/voiceplane diff --all --against base-dist", ExitCode.HELP},
        mixinStandardHelpOptions = true)
final class DiffCommand extends VoiceplaneCommand {
    @Mixin
    StackOptions stackOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--against", paramLabel = "<dir>", defaultValue = "dist",
            description = "Root of the earlier synth output: <dir>/<stack>/*.yaml (default: ${DEFAULT-VALUE}).")
    Path against;

    @Option(names = {"-U", "--context"}, paramLabel = "<lines>", defaultValue = "3",
            description = "Unchanged lines shown around each change (default: ${DEFAULT-VALUE}).")
    int context;

    @Option(names = "--exit-code", description = "Exit with 1 when anything differs (as git diff --exit-code).")
    boolean exitCode;

    @Option(names = "--allow-data-loss", description = "Accept changes that delete or replace objects holding data.")
    boolean allowDataLoss;

    @Override
    int run() throws Exception {
        if (context < 0) {
            terminal.error("--context must be 0 or more lines, got " + context);
            return ExitCode.BAD_INPUT;
        }
        if (!Files.isDirectory(against)) {
            terminal.error("--against " + against + ": no such directory; synthesize the stacks to compare with first, "
                    + "e.g. 'voiceplane synth --all --out " + against + "' on the base revision");
            return ExitCode.BAD_INPUT;
        }
        List<StackConfig> stacks = stackOptions.load();
        List<StackDiff> diffs = new ArrayList<>();
        for (StackConfig stack : stacks) {
            terminal.progress("Comparing stack '" + stack.name() + "' with " + against.resolve(stack.name()));
            StackDiff diff = ManifestDiff.compare(stack.name(), against, Synthesizer.synth(stack), context);
            if (!diff.baseline()) {
                terminal.warn("no earlier synth of '" + stack.name() + "' under " + against + ": every object counts as new");
            }
            diffs.add(diff);
        }
        if (output.format() == OutputFormat.json) {
            printJson(diffs);
        } else {
            diffs.forEach(diff -> DiffPrinter.printUnified(terminal, diff));
        }
        terminal.out().flush();
        return verdict(diffs);
    }

    private int verdict(List<StackDiff> diffs) {
        boolean differs = false;
        int risky = 0;
        for (StackDiff diff : diffs) {
            terminal.progress(diff.stack() + ": " + diff.summary());
            differs |= !diff.changes().isEmpty();
            for (ObjectChange change : diff.atRisk()) {
                risky++;
                for (String reason : change.dataAtRisk()) {
                    String message = diff.stack() + ": " + change.type().name().toLowerCase(Locale.ROOT) + " "
                            + change.object() + ": " + reason;
                    if (allowDataLoss) {
                        terminal.warn(message);
                    } else {
                        terminal.error(message);
                    }
                }
            }
        }
        if (risky > 0 && !allowDataLoss) {
            terminal.error(risky + " change(s) can lose data; if that is meant, run again with --allow-data-loss");
            return ExitCode.FAILURE;
        }
        return exitCode && differs ? ExitCode.FAILURE : ExitCode.OK;
    }

    private void printJson(List<StackDiff> diffs) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode document = json.createObjectNode();
        ArrayNode stacks = document.putArray("stacks");
        for (StackDiff diff : diffs) {
            ObjectNode entry = DiffPrinter.putCounts(stacks.addObject().put("stack", diff.stack()).put("baseline", diff.baseline()), diff);
            DiffPrinter.putChanges(json, entry, diff);
        }
        terminal.out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    }
}
