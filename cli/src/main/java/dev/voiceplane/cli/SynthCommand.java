package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.OutputDirectory;
import dev.voiceplane.synth.Synthesizer;
import dev.voiceplane.synth.YamlWriter;
import dev.voiceplane.synth.helm.HelmChart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voiceplane synth}: a stack's manifests (or every stack's, with {@code --all}), one YAML file per
 * component or a Helm chart, each stack's directory replaced atomically.
 */
@Command(name = "synth", description = "Synthesize a stack's Kubernetes manifests into <out>/<stack>/, one file per component.",
        footer = ExitCode.HELP, mixinStandardHelpOptions = true)
final class SynthCommand extends VoiceplaneCommand {
    @Mixin
    StackOptions stackOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--out", paramLabel = "<dir>", defaultValue = "dist",
            description = "Output root; files go to <dir>/<stack>/ (default: ${DEFAULT-VALUE}); '-' writes the YAML to stdout.")
    Path out;

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "yaml",
            description = "What to write: ${COMPLETION-CANDIDATES}; helm writes a chart to <dir>/<stack>/helm/ "
                    + "(default: ${DEFAULT-VALUE}).")
    ManifestFormat format;

    /** One stack's rendered files, held in memory until every stack has rendered. */
    private record Rendered(StackConfig stack, List<Manifest> manifests, Path target, Map<String, String> files) {
        int objects() {
            return manifests.stream().mapToInt(m -> m.objects().size()).sum();
        }
    }

    @Override
    int run() throws Exception {
        long start = System.nanoTime();
        boolean toStdout = out.toString().equals("-");
        if (toStdout && (format == ManifestFormat.helm || output.format() == OutputFormat.json)) {
            return badInput("--out - writes plain YAML to stdout; it cannot be combined with --format helm or --output json");
        }
        if (!toStdout) {
            String problem = OutputRoot.problem(out);
            if (problem != null) {
                return badInput("--out " + out + ": " + problem);
            }
        }
        // A bad stack file in --all stops here, leaving every output directory as it was.
        List<StackConfig> stacks = stackOptions.load();
        List<Rendered> rendered = new ArrayList<>();
        for (StackConfig stack : stacks) {
            terminal.progress("Synthesizing stack '" + stack.name() + "' (" + stack.system().id() + ", " + stack.environment().id() + ")");
            rendered.add(render(stack));
        }
        if (toStdout) {
            // As helm template prints a chart: each file's objects after a comment naming it.
            for (Rendered r : rendered) {
                r.files().forEach((file, yaml) -> terminal.out().print("# Source: " + r.stack().name() + "/" + file + "\n"
                        + (yaml.startsWith("---") ? "" : "---\n") + yaml));
            }
            terminal.out().flush();
            terminal.success("Wrote " + rendered.stream().mapToInt(Rendered::objects).sum() + " objects to stdout");
            return ExitCode.OK;
        }
        for (Rendered r : rendered) {
            OutputDirectory.replace(r.target(), r.files());
        }
        report(rendered);
        long millis = (System.nanoTime() - start) / 1_000_000;
        int files = rendered.stream().mapToInt(r -> r.files().size()).sum();
        int objects = rendered.stream().mapToInt(Rendered::objects).sum();
        String where = rendered.size() == 1 ? rendered.get(0).target().toString() : out.toString() + " (" + rendered.size() + " stacks)";
        terminal.success("Wrote " + files + " files, " + objects + " objects to " + where + " in " + millis + " ms");
        return ExitCode.OK;
    }

    private Rendered render(StackConfig stack) {
        List<Manifest> manifests = Synthesizer.synth(stack);
        Map<String, String> files = new LinkedHashMap<>();
        Path target = out.resolve(stack.name());
        if (format == ManifestFormat.helm) {
            // Only the chart directory is replaced: plain YAML written next to it stays.
            target = target.resolve("helm");
            files.putAll(HelmChart.files(stack, manifests));
        } else {
            for (Manifest m : manifests) {
                files.put(m.component().fileName(), YamlWriter.write(m.objects()));
            }
        }
        return new Rendered(stack, manifests, target, files);
    }

    private void report(List<Rendered> rendered) throws Exception {
        if (output.format() == OutputFormat.json) {
            ObjectMapper json = new ObjectMapper();
            List<ObjectNode> reports = new ArrayList<>();
            for (Rendered r : rendered) {
                reports.add(jsonReport(json, r));
            }
            Object document = stackOptions.all() ? Map.of("stacks", reports) : reports.get(0);
            terminal.out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } else {
            for (Rendered r : rendered) {
                if (format == ManifestFormat.helm) {
                    r.files().keySet().forEach(f -> terminal.out().println(r.target().resolve(f)));
                } else {
                    for (Manifest m : r.manifests()) {
                        terminal.out().printf("%s\t%d objects%n", r.target().resolve(m.component().fileName()), m.objects().size());
                    }
                }
            }
        }
        terminal.out().flush();
    }

    private ObjectNode jsonReport(ObjectMapper json, Rendered r) {
        ObjectNode report = json.createObjectNode();
        report.put("stack", r.stack().name());
        report.put("system", r.stack().system().id());
        report.put("directory", r.target().toString());
        report.put("format", format.name());
        ArrayNode list = report.putArray("files");
        if (format == ManifestFormat.helm) {
            r.files().keySet().forEach(f -> list.addObject().put("file", f));
        } else {
            for (Manifest m : r.manifests()) {
                list.addObject().put("file", m.component().fileName()).put("component", m.component().id())
                        .put("objects", m.objects().size());
            }
        }
        return report;
    }
}
