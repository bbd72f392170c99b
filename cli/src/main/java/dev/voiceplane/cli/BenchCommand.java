package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.OutputDirectory;
import dev.voiceplane.synth.Synthesizer;
import dev.voiceplane.synth.YamlWriter;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voiceplane bench}: how long synthesizing every stack takes from a cold JVM, as a user
 * running {@code synth} meets it. Each run is a fresh JVM (same JDK, classpath and JVM options as
 * this one, so the launcher's CDS archive counts) that synthesizes all stacks and writes their
 * YAML. The peer run is a fresh JVM that only writes the same objects as YAML from a JSON dump:
 * what any JVM tool pays for start-up and serialization, so the ratio shows what cdk8s and jsii
 * add. One unmeasured run first fills the OS file cache and makes the dump. Reports the median of
 * {@code --runs}; the target is 2 s. A benchmark, not a test: it never fails on a slow machine.
 */
@Command(name = "bench", description = "Time synthesis of every stack from a cold JVM (median of N runs) against plain YAML "
        + "serialization of the same objects.", footer = ExitCode.HELP, mixinStandardHelpOptions = true)
final class BenchCommand extends VoiceplaneCommand {
    static final long TARGET_MILLIS = 2000;

    @Mixin
    OutputOptions output;

    @Option(names = "--runs", paramLabel = "<n>", defaultValue = "5", description = "Measured runs of each kind (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--stacks-dir", paramLabel = "<dir>",
            description = "Directory of the stack files (default: the nearest stacks/ from the current directory up).")
    Path stacksDir;

    /** Internal: what a child JVM does ({@code synth} or {@code yaml}). */
    @Option(names = "--child", hidden = true)
    String child;

    @Option(names = "--dump", hidden = true)
    Path dump;

    @Option(names = "--work", hidden = true)
    Path work;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    int run() throws Exception {
        if (runs < 1) {
            terminal.error("--runs must be at least 1, got " + runs);
            return ExitCode.BAD_INPUT;
        }
        StackFiles files = new StackFiles(stacksDir != null ? stacksDir : StackOptions.findStacksDir());
        if ("synth".equals(child)) {
            synthAll(files);
            return ExitCode.OK;
        }
        if ("yaml".equals(child)) {
            writeDump();
            return ExitCode.OK;
        }
        Path tmp = Files.createTempDirectory("voiceplane-bench-");
        try {
            Path dumpFile = tmp.resolve("objects.json");
            List<String> stacks = files.names();
            terminal.progress("Benchmarking synthesis of " + stacks.size() + " stacks " + stacks + ", " + runs + " cold runs each");
            time(List.of("--child", "synth", "--stacks-dir", files.directory().toString(), "--work", tmp.resolve("warm").toString(),
                    "--dump", dumpFile.toString()));
            List<Long> synth = new ArrayList<>();
            List<Long> yaml = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                synth.add(time(List.of("--child", "synth", "--stacks-dir", files.directory().toString(), "--work", tmp.resolve("s" + i).toString())));
                yaml.add(time(List.of("--child", "yaml", "--dump", dumpFile.toString(), "--work", tmp.resolve("y" + i).toString())));
            }
            report(stacks, synth, yaml);
        } finally {
            deleteTree(tmp);
        }
        return ExitCode.OK;
    }

    private void report(List<String> stacks, List<Long> synth, List<Long> yaml) throws Exception {
        long synthMedian = median(synth);
        long yamlMedian = median(yaml);
        double ratio = (double) synthMedian / yamlMedian;
        if (output.format() == OutputFormat.json) {
            ObjectNode r = JSON.createObjectNode();
            stacks.forEach(r.putArray("stacks")::add);
            r.put("runs", runs);
            synth.forEach(r.putArray("synthMillis")::add);
            yaml.forEach(r.putArray("yamlMillis")::add);
            r.put("synthMedianMillis", synthMedian);
            r.put("yamlMedianMillis", yamlMedian);
            r.put("ratio", Math.round(ratio * 100) / 100.0);
            r.put("targetMillis", TARGET_MILLIS);
            r.put("withinTarget", synthMedian <= TARGET_MILLIS);
            terminal.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
        } else {
            terminal.out().printf("run\tsynth all stacks (ms)\tplain YAML of the same objects (ms)%n");
            for (int i = 0; i < synth.size(); i++) {
                terminal.out().printf("%d\t%d\t%d%n", i + 1, synth.get(i), yaml.get(i));
            }
            terminal.out().printf("median\t%d\t%d%n", synthMedian, yamlMedian);
            terminal.out().printf("ratio\t%.2fx%n", ratio);
            terminal.out().printf("target\t%d ms: %s%n", TARGET_MILLIS, synthMedian <= TARGET_MILLIS ? "met" : "missed");
        }
        terminal.out().flush();
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Wall time of one child JVM, start to exit, in milliseconds. */
    private long time(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Voiceplane.class.getName());
        command.add("bench");
        command.addAll(args);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("a benchmark run took over 10 minutes");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("benchmark run " + args + " failed with exit code " + p.exitValue());
        }
        return millis;
    }

    /** Child: every stack synthesized and written, as {@code synth} does; optionally the objects as JSON for the peer. */
    private void synthAll(StackFiles files) throws Exception {
        ObjectNode all = JSON.createObjectNode();
        for (String name : files.names()) {
            StackConfig stack = files.load(name);
            List<Manifest> manifests = Synthesizer.synth(stack);
            Map<String, String> out = new LinkedHashMap<>();
            ObjectNode byFile = all.putObject(name);
            for (Manifest m : manifests) {
                out.put(m.component().fileName(), YamlWriter.write(m.objects()));
                ArrayNode list = byFile.putArray(m.component().fileName());
                m.objects().forEach(list::add);
            }
            OutputDirectory.replace(work.resolve(name), out);
        }
        if (dump != null) {
            JSON.writeValue(dump.toFile(), all);
        }
    }

    /** Child (peer): the same objects from JSON to YAML files, nothing else. */
    private void writeDump() throws Exception {
        JsonNode all = JSON.readTree(dump.toFile());
        for (Iterator<Map.Entry<String, JsonNode>> stacks = all.fields(); stacks.hasNext(); ) {
            Map.Entry<String, JsonNode> stack = stacks.next();
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> f = stack.getValue().fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> file = f.next();
                List<JsonNode> objects = new ArrayList<>();
                file.getValue().forEach(objects::add);
                out.put(file.getKey(), YamlWriter.write(objects));
            }
            OutputDirectory.replace(work.resolve(stack.getKey()), out);
        }
    }

    private static void deleteTree(Path root) throws Exception {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
