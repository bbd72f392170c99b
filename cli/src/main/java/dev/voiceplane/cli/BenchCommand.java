package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.OutputDirectory;
import dev.voiceplane.synth.SynthTimings;
import dev.voiceplane.synth.Synthesizer;
import dev.voiceplane.synth.YamlWriter;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
 *
 * <p>It also times {@code validate --all} the same way (a fresh JVM that synthesizes every stack in memory and
 * runs every rule, schemas included) in the same runs, and reports validate's wall time beyond synth's per stack
 * (target: at most 0.3 s), with the rules' own time per stack measured inside the validating JVM.
 */
@Command(name = "bench", description = "Time synthesis of every stack from a cold JVM (median of N runs) against plain YAML "
        + "serialization of the same objects, and validate's time beyond synth per stack.", footer = ExitCode.HELP, mixinStandardHelpOptions = true)
final class BenchCommand extends VoiceplaneCommand {
    static final long TARGET_MILLIS = 2000;
    /** What validate may add to synth per stack (issue 7). */
    static final long VALIDATE_TARGET_MILLIS_PER_STACK = 300;
    private static final String VALIDATE_PREFIX = "validate-ms=";

    @Mixin
    OutputOptions output;

    @Option(names = "--runs", paramLabel = "<n>", defaultValue = "5", description = "Measured runs of each kind (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--stacks-dir", paramLabel = "<dir>",
            description = "Directory of the stack files (default: the nearest stacks/ from the current directory up).")
    Path stacksDir;

    @Option(names = "--diff", description = "Instead: diff of the largest stack against a changed copy, and validate --all, in one warm JVM "
            + "(see DiffBench).")
    boolean diff;

    @Option(names = "--requests", description = "Instead: the jsii requests of synthesizing every stack, by voiceplane construct and by "
            + "jsii type and member (see RequestsBench).")
    boolean requests;

    @Option(names = "--top", paramLabel = "<n>", defaultValue = "25", description = "With --requests: how many of the most frequent "
            + "requests to list (default: ${DEFAULT-VALUE}).")
    int top;

    /** Internal: what a child JVM does ({@code synth}, {@code yaml}, {@code validate}, or the build's {@code train}). */
    @Option(names = "--child", hidden = true)
    String child;

    @Option(names = "--dump", hidden = true)
    Path dump;

    @Option(names = "--work", hidden = true)
    Path work;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CPU_PREFIX = "cpu-ms=";
    private static final String REQUESTS_PREFIX = "jsii-requests=";

    /**
     * Wall and CPU time of one child run; CPU is -1 where /proc is not available.
     *
     * @param rulesMillis for a validate run, the time its rules took per stack (synth excluded)
     * @param phases      for a synth run, its {@link ColdStart} phases
     * @param jsiiRequests for a synth run, the jsii requests of building and rendering (-1 when not counted)
     */
    record Run(long wallMillis, long cpuMillis, Map<String, Long> rulesMillis, Map<String, Long> phases, long jsiiRequests) {
    }

    @Override
    int run() throws Exception {
        if (runs < 1) {
            return fail(ExitCode.BAD_INPUT, "--runs must be at least 1, got " + runs);
        }
        if (top < 1) {
            return fail(ExitCode.BAD_INPUT, "--top must be at least 1, got " + top);
        }
        StackFiles files = new StackFiles(stacksDir != null ? stacksDir : StackOption.findStacksDir());
        if (diff) {
            DiffBench.report(DiffBench.run(files, runs, terminal), output.format() == OutputFormat.json, terminal);
            return ExitCode.OK;
        }
        if (requests) {
            RequestsBench.run(files, top, output.format() == OutputFormat.json, terminal);
            return ExitCode.OK;
        }
        if ("synth".equals(child)) {
            ColdStart cold = new ColdStart();
            cold.startJsii();
            try (JsiiRequests counted = JsiiRequests.count(false)) {
                synthAll(files, cold.timings());
                System.out.println(cold.line());
                System.out.println(REQUESTS_PREFIX + (counted.installed() ? counted.total() : -1));
            }
            System.out.println(CPU_PREFIX + cpuMillis());
            return ExitCode.OK;
        }
        if ("yaml".equals(child)) {
            writeDump();
            System.out.println(CPU_PREFIX + cpuMillis());
            return ExitCode.OK;
        }
        if ("validate".equals(child)) {
            validateAll(files);
            System.out.println(CPU_PREFIX + cpuMillis());
            return ExitCode.OK;
        }
        if ("train".equals(child)) {
            // The build's class-data-sharing training run (cli/pom.xml): what synth and validate load, in one JVM.
            synthAll(files, SynthTimings.NONE);
            validateAll(files);
            return ExitCode.OK;
        }
        Path tmp = Files.createTempDirectory("voiceplane-bench-");
        try {
            Path dumpFile = tmp.resolve("objects.json");
            List<String> stacks = files.names();
            terminal.progress("Benchmarking synthesis of " + stacks.size() + " stacks " + stacks + ", " + runs + " cold runs each");
            time(List.of("--child", "synth", "--stacks-dir", files.directory().toString(), "--work", tmp.resolve("warm").toString(),
                    "--dump", dumpFile.toString()));
            time(List.of("--child", "validate", "--stacks-dir", files.directory().toString()));
            List<Run> synth = new ArrayList<>();
            List<Run> yaml = new ArrayList<>();
            List<Run> validate = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                synth.add(time(List.of("--child", "synth", "--stacks-dir", files.directory().toString(), "--work", tmp.resolve("s" + i).toString())));
                yaml.add(time(List.of("--child", "yaml", "--dump", dumpFile.toString(), "--work", tmp.resolve("y" + i).toString())));
                validate.add(time(List.of("--child", "validate", "--stacks-dir", files.directory().toString())));
            }
            report(stacks, synth, yaml);
            reportValidate(stacks, synth, validate);
        } finally {
            deleteTree(tmp);
        }
        return ExitCode.OK;
    }

    private void report(List<String> stacks, List<Run> synth, List<Run> yaml) throws Exception {
        long synthMedian = median(synth.stream().map(Run::wallMillis).toList());
        long yamlMedian = median(yaml.stream().map(Run::wallMillis).toList());
        long synthCpu = median(synth.stream().map(Run::cpuMillis).toList());
        long yamlCpu = median(yaml.stream().map(Run::cpuMillis).toList());
        double ratio = (double) synthMedian / yamlMedian;
        double[] load = loadAverage();
        if (output.format() == OutputFormat.json) {
            ObjectNode r = JSON.createObjectNode();
            stacks.forEach(r.putArray("stacks")::add);
            r.put("runs", runs);
            synth.forEach(x -> r.withArray("synthMillis").add(x.wallMillis()));
            yaml.forEach(x -> r.withArray("yamlMillis").add(x.wallMillis()));
            r.put("synthMedianMillis", synthMedian);
            r.put("yamlMedianMillis", yamlMedian);
            r.put("synthMedianCpuMillis", synthCpu);
            r.put("yamlMedianCpuMillis", yamlCpu);
            r.put("ratio", Math.round(ratio * 100) / 100.0);
            r.put("cpuRatio", Math.round(100.0 * synthCpu / Math.max(1, yamlCpu)) / 100.0);
            r.put("targetMillis", TARGET_MILLIS);
            r.put("withinTarget", synthMedian <= TARGET_MILLIS);
            ObjectNode phases = r.putObject("coldStartMedianMillis");
            phaseMedians(synth).forEach(phases::put);
            ObjectNode cpuPhases = r.putObject("coldStartMedianCpuMillis");
            phaseMedians(synth, ColdStart.CPU_PHASES).forEach((k, v) -> cpuPhases.put(k.substring("cpu.".length()), v));
            r.put("jsiiRequests", median(synth.stream().map(Run::jsiiRequests).toList()));
            r.put("cpus", Runtime.getRuntime().availableProcessors());
            if (load.length > 0) {
                r.put("loadAverage1m", load[0]);
            }
            terminal.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
        } else {
            terminal.out().printf("run\tsynth all stacks: wall ms\tcpu ms\tplain YAML of the same objects: wall ms\tcpu ms%n");
            for (int i = 0; i < synth.size(); i++) {
                terminal.out().printf("%d\t%d\t%d\t%d\t%d%n", i + 1, synth.get(i).wallMillis(), synth.get(i).cpuMillis(),
                        yaml.get(i).wallMillis(), yaml.get(i).cpuMillis());
            }
            terminal.out().printf("median\t%d\t%d\t%d\t%d%n", synthMedian, synthCpu, yamlMedian, yamlCpu);
            terminal.out().printf("ratio\t%.2fx (wall), %.2fx (cpu, which the machine's load hardly moves)%n", ratio, (double) synthCpu / yamlCpu);
            StringBuilder phases = new StringBuilder();
            phaseMedians(synth).forEach((k, v) -> phases.append(phases.length() == 0 ? "" : ", ").append(k).append(' ').append(v).append(" ms"));
            terminal.out().printf("synth\t%s (medians; JVM start, jsii runtime start, construct building, rendering, stack reading and YAML writing)%n", phases);
            Map<String, Long> cpu = phaseMedians(synth, ColdStart.CPU_PHASES);
            terminal.out().printf("synth\tcpu: jvm %d ms, jsii %d ms, build %d ms, render %d ms, write %d ms; Node's part of it all %d ms (medians)%n",
                    cpu.get("cpu.jvm"), cpu.get("cpu.jsii"), cpu.get("cpu.build"), cpu.get("cpu.render"), cpu.get("cpu.write"), cpu.get("cpu.node"));
            terminal.out().printf("jsii\t%d requests to Node while building and rendering (bench --requests: by construct and type)%n",
                    median(synth.stream().map(Run::jsiiRequests).toList()));
            terminal.out().printf("target\t%d ms: %s%n", TARGET_MILLIS, synthMedian <= TARGET_MILLIS ? "met" : "missed");
            if (load.length > 0) {
                terminal.out().printf("machine\t%d CPUs, load average %.2f (wall times grow with load; CPU times hardly)%n",
                        Runtime.getRuntime().availableProcessors(), load[0]);
            }
        }
        terminal.out().flush();
    }

    /** The median of each cold-start phase over the synth runs. */
    static Map<String, Long> phaseMedians(List<Run> synth) {
        return phaseMedians(synth, ColdStart.PHASES);
    }

    /** The median of each of these phases over the synth runs; -1 for a phase no run reported. */
    static Map<String, Long> phaseMedians(List<Run> synth, List<String> phaseNames) {
        Map<String, Long> medians = new LinkedHashMap<>();
        for (String phase : phaseNames) {
            medians.put(phase, median(synth.stream().map(r -> r.phases().getOrDefault(phase, -1L)).toList()));
        }
        return medians;
    }

    /** The 1-minute load average from /proc/loadavg, or none. */
    private static double[] loadAverage() {
        try {
            return new double[] {Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0])};
        } catch (Exception e) {
            return new double[0];
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Wall time of one child JVM, start to exit, and the CPU time it and its Node process used
     * (which, unlike wall time, hardly changes when other work shares the machine).
     */
    private Run time(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Voiceplane.class.getName());
        command.add("bench");
        command.addAll(args);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stdout = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("a benchmark run took over 10 minutes");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("benchmark run " + args + " failed with exit code " + p.exitValue());
        }
        long cpu = stdout.lines().filter(l -> l.startsWith(CPU_PREFIX)).mapToLong(l -> Long.parseLong(l.substring(CPU_PREFIX.length())))
                .findFirst().orElse(-1);
        Map<String, Long> rules = new LinkedHashMap<>();
        stdout.lines().filter(l -> l.startsWith(VALIDATE_PREFIX)).map(l -> l.substring(VALIDATE_PREFIX.length()).split("=", 2))
                .forEach(kv -> rules.put(kv[0], Long.parseLong(kv[1])));
        long requests = stdout.lines().filter(l -> l.startsWith(REQUESTS_PREFIX))
                .mapToLong(l -> Long.parseLong(l.substring(REQUESTS_PREFIX.length()))).findFirst().orElse(-1);
        return new Run(millis, cpu, rules, ColdStart.parse(stdout), requests);
    }

    /** CPU time of this process and its live descendants (jsii's Node), from /proc; -1 elsewhere. */
    static long cpuMillis() {
        return ColdStart.cpuMillis();
    }

    /** Child: every stack synthesized and written, as {@code synth} does; optionally the objects as JSON for the peer. */
    private void synthAll(StackFiles files, SynthTimings timings) throws Exception {
        ObjectNode all = JSON.createObjectNode();
        for (String name : files.names()) {
            StackConfig stack = files.load(name);
            List<Manifest> manifests = Synthesizer.synth(stack, timings);
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

    /**
     * Child: what {@code validate --all} does: every stack synthesized in memory, read back with lines, and every
     * rule run over it (schemas on Node included); the rules' time per stack goes to stdout.
     */
    private void validateAll(StackFiles files) {
        dev.voiceplane.validate.Validation validation = new dev.voiceplane.validate.Validation(
                dev.voiceplane.validate.RuleRegistry.all(dev.voiceplane.synth.schema.SchemaModels.locate()));
        for (String name : files.names()) {
            StackConfig stack = files.load(name);
            List<Manifest> manifests = Synthesizer.synth(stack);
            long start = System.nanoTime();
            dev.voiceplane.validate.Report report = validation.run(name, dev.voiceplane.validate.Inputs.stack(stack, manifests, "dist"),
                    java.util.Optional.empty());
            new dev.voiceplane.validate.TextReport((code, text) -> text).write(List.of(report), new java.io.PrintWriter(java.io.Writer.nullWriter()));
            System.out.println(VALIDATE_PREFIX + name + "=" + (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void reportValidate(List<String> stacks, List<Run> synth, List<Run> validate) throws Exception {
        long synthMedian = median(synth.stream().map(Run::wallMillis).toList());
        long validateMedian = median(validate.stream().map(Run::wallMillis).toList());
        long addedPerStack = (validateMedian - synthMedian) / Math.max(1, stacks.size());
        long synthCpu = median(synth.stream().map(Run::cpuMillis).toList());
        long validateCpu = median(validate.stream().map(Run::cpuMillis).toList());
        long addedCpuPerStack = (validateCpu - synthCpu) / Math.max(1, stacks.size());
        Map<String, Long> rulesPerStack = new LinkedHashMap<>();
        for (String stack : stacks) {
            rulesPerStack.put(stack, median(validate.stream().map(r -> r.rulesMillis().getOrDefault(stack, -1L)).toList()));
        }
        if (output.format() == OutputFormat.json) {
            ObjectNode r = JSON.createObjectNode();
            validate.forEach(x -> r.withArray("validateMillis").add(x.wallMillis()));
            r.put("validateMedianMillis", validateMedian);
            r.put("synthMedianMillis", synthMedian);
            r.put("validateAddedMillisPerStack", addedPerStack);
            r.put("validateMedianCpuMillis", validateCpu);
            r.put("validateAddedCpuMillisPerStack", addedCpuPerStack);
            r.put("validateTargetMillisPerStack", VALIDATE_TARGET_MILLIS_PER_STACK);
            r.put("validateWithinTarget", addedPerStack <= VALIDATE_TARGET_MILLIS_PER_STACK);
            ObjectNode rules = r.putObject("rulesMedianMillisPerStack");
            rulesPerStack.forEach(rules::put);
            terminal.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
        } else {
            terminal.out().printf("%nrun\tvalidate all stacks: wall ms\tcpu ms\tsynth all stacks: wall ms%n");
            for (int i = 0; i < validate.size(); i++) {
                terminal.out().printf("%d\t%d\t%d\t%d%n", i + 1, validate.get(i).wallMillis(), validate.get(i).cpuMillis(), synth.get(i).wallMillis());
            }
            terminal.out().printf("median\t%d\t%d\t%d%n", validateMedian, validateCpu, synthMedian);
            terminal.out().printf("added\t%d ms per stack beyond synth (%d stacks); target %d ms: %s%n", addedPerStack, stacks.size(),
                    VALIDATE_TARGET_MILLIS_PER_STACK, addedPerStack <= VALIDATE_TARGET_MILLIS_PER_STACK ? "met" : "missed");
            terminal.out().printf("added\t%d ms of CPU per stack beyond synth's %d ms (CPU times hardly move with the machine's load)%n",
                    addedCpuPerStack, synthCpu);
            rulesPerStack.forEach((stack, ms) -> terminal.out().printf("rules\t%s: %d ms (median, in the validating JVM)%n", stack, ms));
        }
        terminal.out().flush();
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
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
