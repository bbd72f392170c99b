package dev.voiceplane.cli;

import dev.voiceplane.cli.diff.Baseline;
import dev.voiceplane.cli.diff.ManifestDiff;
import dev.voiceplane.cli.diff.RiskClass;
import dev.voiceplane.cli.diff.StackDiff;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Synthesizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voiceplane diff}: what synthesizing the stacks now would change against an earlier
 * synthesis — on a pull request, the base revision's {@code synth --all}. Writes nothing. Every
 * change is a no-op after normalisation, a plain change, or a risk with its class
 * ({@link RiskClass}); the exit code says which was the worst (0 none, 2 changes, 3 risks, 1 error).
 *
 * <p>The gate cannot be passed by mistake: the baseline must look like synth's output, a stack
 * with no baseline is an error unless declared new with {@code --new-stack}, and under
 * {@code --all} a stack only the baseline has is reported as removed.
 */
@Command(name = "diff", description = "Show what synthesizing the stacks now changes against an earlier synth "
        + "(e.g. the base branch's), object by object, each change classed as no-op, change or risk.",
        footer = {"%nOn a pull request (the base revision is synthesized by its own build):%n"
                + "  git worktree add ../base origin/main%n"
                + "  (cd ../base && mvn -B -q package -DskipTests && cli/target/voiceplane synth --all --out \"$OLDPWD/base-dist\")%n"
                + "  cli/target/voiceplane diff --all --against base-dist --output markdown%n"
                + "%nRisk classes (for --accept): replace, data-loss, rbac-widened, network-opened, pdb-loosened,%n"
                + "  capacity-reduced, service-changed, stack-removed", ExitCode.DIFF_HELP},
        mixinStandardHelpOptions = true)
final class DiffCommand extends VoiceplaneCommand {
    @Mixin
    StackOptions stackOptions;

    @Option(names = {"-o", "--output"}, paramLabel = "<format>", defaultValue = "text",
            description = "Report format on stdout: ${COMPLETION-CANDIDATES}; markdown fits a pull-request comment (default: ${DEFAULT-VALUE}).")
    DiffFormat format;

    @Option(names = "--against", paramLabel = "<dir>", required = true,
            description = "Root of the earlier synth output: <dir>/<stack>/**/*.yaml|yml, as 'synth --all --out <dir>' writes it.")
    Path against;

    @Option(names = {"-U", "--unified"}, paramLabel = "<lines>", defaultValue = "3",
            description = "Unchanged lines shown around each change, as git diff -U (default: ${DEFAULT-VALUE}).")
    int unified;

    @Option(names = "--new-stack", paramLabel = "<name>",
            description = "A stack whose file is new in this change, so has no baseline (repeatable); any other stack without one is an error.")
    List<String> newStacks = new ArrayList<>();

    @Option(names = "--accept", paramLabel = "<class>", split = ",",
            description = "Risk classes that are meant (repeatable or comma-separated): still reported, but exit 2 instead of 3.")
    List<String> accepted = new ArrayList<>();

    @Option(names = "--allow-data-loss", description = "Short for --accept data-loss (the flag apply takes too).")
    boolean allowDataLoss;

    @Override
    int run() throws Exception {
        if (unified < 0) {
            return badInput("--unified must be 0 or more lines, got " + unified);
        }
        Set<RiskClass> accept = EnumSet.noneOf(RiskClass.class);
        for (String id : accepted) {
            try {
                accept.add(RiskClass.fromId(id));
            } catch (IllegalArgumentException e) {
                return badInput("--accept: " + e.getMessage());
            }
        }
        if (allowDataLoss) {
            accept.add(RiskClass.DATA_LOSS);
        }
        for (String name : newStacks) {
            if (!StackFiles.isValidName(name)) {
                return badInput("--new-stack: '" + name + "' is not a stack name");
            }
        }
        Baseline baseline = Baseline.open(against, "--against");
        List<StackConfig> stacks = stackOptions.load();
        Set<String> declaredNew = new LinkedHashSet<>(newStacks);
        for (String name : declaredNew) {
            if (stacks.stream().noneMatch(s -> s.name().equals(name))) {
                return badInput("--new-stack " + name + ": no such stack among those compared");
            }
            if (baseline.has(name)) {
                return badInput("--new-stack " + name + ": the baseline has it (" + baseline.directoryOf(name)
                        + "), so it is not new; drop the flag");
            }
        }
        List<String> missing = stacks.stream().map(StackConfig::name).filter(n -> !baseline.has(n) && !declaredNew.contains(n)).toList();
        if (!missing.isEmpty()) {
            return badInput("no baseline for stack(s) " + String.join(", ", missing) + " under " + against + " (it has: "
                    + String.join(", ", baseline.stacks()) + "); if a stack file is new in this change, say so with --new-stack "
                    + missing.get(0) + ", otherwise synthesize the base with 'synth --all'");
        }
        List<StackDiff> diffs = new ArrayList<>();
        for (StackConfig stack : stacks) {
            terminal.progress("Comparing stack '" + stack.name() + "' with " + baseline.directoryOf(stack.name()));
            diffs.add(declaredNew.contains(stack.name()) ? ManifestDiff.added(stack.name(), Synthesizer.synth(stack), unified)
                    : ManifestDiff.compare(stack.name(), baseline, Synthesizer.synth(stack), unified));
        }
        if (stackOptions.all()) {
            for (String gone : baseline.stacks()) {
                if (stacks.stream().noneMatch(s -> s.name().equals(gone))) {
                    diffs.add(ManifestDiff.removed(gone, baseline, unified));
                }
            }
        }
        DiffReport report = new DiffReport(diffs, accept);
        switch (format) {
            case json -> terminal.out().println(report.json());
            case markdown -> terminal.out().print(report.markdown(DiffReport.GITHUB_COMMENT_LIMIT));
            default -> DiffPrinter.printUnified(terminal, diffs);
        }
        terminal.out().flush();
        return verdict(report);
    }

    private int verdict(DiffReport report) {
        for (StackDiff diff : report.diffs()) {
            terminal.progress(diff.stack() + ": " + diff.summary());
            for (StackDiff.Flagged f : diff.risks()) {
                String message = diff.stack() + ": " + (f.subject().equals(diff.stack()) ? "" : f.subject() + ": ") + f.risk();
                if (report.accepted().contains(f.risk().riskClass())) {
                    terminal.warn(message + " (accepted)");
                } else {
                    terminal.error(message);
                }
            }
        }
        int code = report.exitCode();
        if (code == ExitCode.DIFF_RISKY) {
            terminal.error(report.unacceptedRisks() + " risky change(s); if they are meant, run again with --accept "
                    + String.join(",", report.unacceptedClasses().stream().map(RiskClass::id).toList()));
        }
        return code;
    }

    /** Every error of diff is 1: 2 and 3 are results, and an error must never read as one. */
    @Override
    int errorCode(int code) {
        return ExitCode.FAILURE;
    }
}
