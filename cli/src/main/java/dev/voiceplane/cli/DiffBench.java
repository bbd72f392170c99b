package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.cli.diff.Baseline;
import dev.voiceplane.cli.diff.ManifestDiff;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.Synthesizer;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * {@code voiceplane bench --diff}: what a pull request's CI pays for the gate, in one warm JVM as CI's
 * steps run back to back. Times {@code diff} of the largest stack (most objects) against a copy of
 * its synthesis changed in a few places (an image tag, a replica count, a Role rule), the diff's
 * comparison alone on the same objects (its peer: what reading, normalising, classifying and
 * printing cost without synthesis), and {@code validate --all}. One unmeasured run of each first;
 * medians of {@code runs}. A benchmark, not a test: it never fails on a slow machine.
 */
final class DiffBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(String stack, int objects, List<Long> diffMillis, List<Long> compareMillis, List<Long> validateMillis) {
    }

    private DiffBench() {
    }

    static Result run(StackFiles files, int runs, Terminal terminal) throws Exception {
        String largest = null;
        int most = -1;
        List<Manifest> largestManifests = null;
        for (String name : files.names()) {
            List<Manifest> manifests = Synthesizer.synth(files.load(name));
            int objects = manifests.stream().mapToInt(m -> m.objects().size()).sum();
            if (objects > most) {
                most = objects;
                largest = name;
                largestManifests = manifests;
            }
        }
        if (largest == null) {
            throw new IllegalStateException("no stacks in " + files.directory());
        }
        Path tmp = Files.createTempDirectory("voiceplane-diff-bench-");
        try {
            Path base = tmp.resolve("base");
            int code = cli(terminal, "synth", "--stack", largest, "--stacks-dir", files.directory().toString(), "--out", base.toString());
            if (code != 0) {
                throw new IllegalStateException("synth of " + largest + " for the baseline failed with exit " + code);
            }
            change(base.resolve(largest));
            terminal.progress("Benchmarking diff of '" + largest + "' (" + most + " objects) against a changed copy, and validate --all, "
                    + runs + " runs each after one warm-up");
            String[] diffArgs = {"diff", "--stack", largest, "--stacks-dir", files.directory().toString(), "--against", base.toString(),
                "--output", "json"};
            String[] validateArgs = {"validate", "--all", "--stacks-dir", files.directory().toString()};
            StackConfig stack = files.load(largest);
            List<Manifest> current = largestManifests;
            int seen = cli(terminal, diffArgs);
            if (seen != ExitCode.DIFF_RISKY) {
                // The copy was changed so that diff finds risks (replicas, a Role): anything else means the benchmark measures nothing.
                throw new IllegalStateException("diff of the changed copy exited " + seen + ", not " + ExitCode.DIFF_RISKY);
            }
            timeCli(terminal, validateArgs);
            List<Long> diff = new ArrayList<>();
            List<Long> compare = new ArrayList<>();
            List<Long> validate = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                diff.add(timeCli(terminal, diffArgs));
                long start = System.nanoTime();
                new DiffReport(List.of(ManifestDiff.compare(stack.name(), Baseline.open(base, "--against"), current, 3)),
                        java.util.Set.of()).json();
                compare.add((System.nanoTime() - start) / 1_000_000);
                validate.add(timeCli(terminal, validateArgs));
            }
            return new Result(largest, most, diff, compare, validate);
        } finally {
            try (Stream<Path> paths = Files.walk(tmp)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void report(Result r, boolean json, Terminal terminal) throws Exception {
        long diff = BenchCommand.median(r.diffMillis());
        long compare = BenchCommand.median(r.compareMillis());
        long validate = BenchCommand.median(r.validateMillis());
        if (json) {
            ObjectNode o = JSON.createObjectNode().put("stack", r.stack()).put("objects", r.objects()).put("runs", r.diffMillis().size());
            r.diffMillis().forEach(o.putArray("diffMillis")::add);
            r.compareMillis().forEach(o.putArray("compareOnlyMillis")::add);
            r.validateMillis().forEach(o.putArray("validateAllMillis")::add);
            o.put("diffMedianMillis", diff).put("compareOnlyMedianMillis", compare).put("validateAllMedianMillis", validate)
                    .put("diffOverCompareOnly", Math.round((double) diff / Math.max(1, compare) * 100) / 100.0)
                    .put("cpus", Runtime.getRuntime().availableProcessors());
            terminal.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } else {
            terminal.out().printf("run\tdiff %s (%d objects) ms\tcomparison alone ms\tvalidate --all ms%n", r.stack(), r.objects());
            for (int i = 0; i < r.diffMillis().size(); i++) {
                terminal.out().printf("%d\t%d\t%d\t%d%n", i + 1, r.diffMillis().get(i), r.compareMillis().get(i), r.validateMillis().get(i));
            }
            terminal.out().printf("median\t%d\t%d\t%d%n", diff, compare, validate);
            terminal.out().printf("ratio\tdiff is %.1fx its comparison alone (the rest is synthesis)%n", (double) diff / Math.max(1, compare));
        }
        terminal.out().flush();
    }

    /** A few edits a pull request might make: an image tag, a replica count, a Role rule; in the baseline, so diff sees them. */
    private static void change(Path stackDirectory) throws Exception {
        try (Stream<Path> files = Files.list(stackDirectory)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String yaml = Files.readString(file);
                String changed = yaml.replaceFirst("image: ([^:\\s]+):([^\\s]+)", "image: $1:0.0.1-old")
                        .replaceFirst("replicas: (\\d+)", "replicas: 7")
                        .replaceFirst("verbs:\\n(\\s+)- get", "verbs:\n$1- get\n$1- list");
                if (!changed.equals(yaml)) {
                    Files.writeString(file, changed);
                }
            }
        }
    }

    private static long timeCli(Terminal terminal, String... args) {
        long start = System.nanoTime();
        cli(terminal, args);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The command line in this JVM with stdout and stderr discarded. */
    private static int cli(Terminal terminal, String... args) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        CommandLine cli = Voiceplane.commandLine();
        Terminal quiet = new Terminal(none, none, false);
        cli.getSubcommands().values().forEach(sub -> {
            if (sub.getCommand() instanceof VoiceplaneCommand command) {
                command.terminal = quiet;
            }
        });
        cli.setOut(none);
        cli.setErr(none);
        return cli.execute(args);
    }
}
