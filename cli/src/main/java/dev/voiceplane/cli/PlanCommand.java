package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.voiceplane.infra.plan.Plan;
import dev.voiceplane.infra.plan.PlanReport;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Synthesizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voiceplane plan}: the offline counterpart of {@code pulumi preview}. Runs infra's Pulumi
 * program for a stack (or all) against the mock cloud, with no credentials, no Pulumi CLI and no
 * network, and prints the resource graph it would create: type, name, parent, dependencies, provider
 * and inputs, secrets shown as [secret]. Per-operator settings (the AWS account, admin networks) and
 * secrets are stand-ins (infra's {@code Plan.STAND_INS}). The charts the program writes go to a
 * temporary directory that is deleted afterwards. Exit code 1 when the program fails for a stack.
 *
 * <p>{@code --bench N} measures instead: the median of N plans per stack against N plain syntheses
 * of the same stack in the same JVM (after one unmeasured run of each), so the ratio is what the
 * Pulumi program and its mocks add to synthesis.
 */
@Command(name = "plan", description = "Run the Pulumi program against a mock cloud (no credentials, no pulumi CLI) and print "
        + "the resource graph it would create.", footer = ExitCode.HELP, mixinStandardHelpOptions = true)
final class PlanCommand extends VoiceplaneCommand {
    @Mixin
    StackOptions stackOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--bench", paramLabel = "<runs>", defaultValue = "0",
            description = "Instead of printing the graph, time <runs> plans per stack against <runs> syntheses (medians).")
    int benchRuns;

    @Override
    int run() throws Exception {
        if (benchRuns < 0) {
            terminal.error("--bench must be at least 1 when given, got " + benchRuns);
            return ExitCode.BAD_INPUT;
        }
        // Every stack file read and checked first: a bad one stops with exit code 2 before any work.
        List<StackConfig> stacks = stackOptions.load();
        Path stacksDir = stackOptions.one.files().directory();
        Path charts = Files.createTempDirectory("voiceplane-plan");
        try {
            return benchRuns > 0 ? bench(stacks, stacksDir, charts) : plan(stacks, stacksDir, charts);
        } finally {
            delete(charts);
        }
    }

    private int plan(List<StackConfig> stacks, Path stacksDir, Path charts) {
        List<Plan> plans = new ArrayList<>();
        for (StackConfig stack : stacks) {
            terminal.progress("Planning stack '" + stack.name() + "' against the mock cloud");
            plans.add(Plan.run(stacksDir, stack.name(), charts.resolve(stack.name())));
        }
        if (output.format() == OutputFormat.json) {
            terminal.out().println(PlanReport.jsonText(plans));
        } else {
            plans.forEach(p -> terminal.out().println(PlanReport.text(p)));
        }
        terminal.out().flush();
        List<Plan> failed = plans.stream().filter(p -> !p.errors().isEmpty()).toList();
        if (!failed.isEmpty()) {
            failed.forEach(p -> p.errors().forEach(e -> terminal.error(p.stack() + ": " + e)));
            return ExitCode.FAILURE;
        }
        terminal.success(plans.stream().mapToInt(p -> p.nodes().size()).sum() + " resources planned in " + plans.size() + " stack(s)");
        return ExitCode.OK;
    }

    private int bench(List<StackConfig> stacks, Path stacksDir, Path charts) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        for (StackConfig stack : stacks) {
            terminal.progress("Timing stack '" + stack.name() + "' (" + benchRuns + " plans, " + benchRuns + " syntheses)");
            Path dir = charts.resolve(stack.name());
            // One unmeasured run of each: class loading, jsii's Node process, the JIT.
            Plan.run(stacksDir, stack.name(), dir);
            Synthesizer.synth(stack);
            List<Long> plan = new ArrayList<>();
            List<Long> synth = new ArrayList<>();
            for (int i = 0; i < benchRuns; i++) {
                long t0 = System.nanoTime();
                Plan p = Plan.run(stacksDir, stack.name(), dir);
                long t1 = System.nanoTime();
                Synthesizer.synth(stack);
                long t2 = System.nanoTime();
                if (!p.errors().isEmpty()) {
                    terminal.error(stack.name() + ": " + p.errors().get(0));
                    return ExitCode.FAILURE;
                }
                plan.add((t1 - t0) / 1_000_000);
                synth.add((t2 - t1) / 1_000_000);
            }
            long planMedian = median(plan);
            long synthMedian = median(synth);
            report.put(stack.name(), Map.of("planMedianMillis", planMedian, "synthMedianMillis", synthMedian,
                    "ratio", Math.round(100.0 * planMedian / Math.max(1, synthMedian)) / 100.0, "runs", benchRuns));
            if (output.format() == OutputFormat.text) {
                terminal.out().printf("%-24s plan median %6d ms   synth median %6d ms   plan/synth %.2f   (%d runs)%n",
                        stack.name(), planMedian, synthMedian, (double) planMedian / Math.max(1, synthMedian), benchRuns);
            }
        }
        if (output.format() == OutputFormat.json) {
            terminal.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        }
        terminal.out().flush();
        return ExitCode.OK;
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void delete(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
