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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code voiceplane synth}: a stack's manifests, one YAML file per component, written atomically. */
@Command(name = "synth", description = "Synthesize a stack's Kubernetes manifests into <out>/<stack>/, one file per component.",
        footer = ExitCode.HELP, mixinStandardHelpOptions = true)
final class SynthCommand extends VoiceplaneCommand {
    @Mixin
    StackOptions stackOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--out", paramLabel = "<dir>", defaultValue = "dist",
            description = "Output root; files go to <dir>/<stack>/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--format", paramLabel = "<format>", defaultValue = "yaml",
            description = "What to write: ${COMPLETION-CANDIDATES}; helm writes a chart to <dir>/<stack>/helm/ "
                    + "(default: ${DEFAULT-VALUE}).")
    ManifestFormat format;

    @Override
    int run() throws Exception {
        long start = System.nanoTime();
        StackConfig stack = stackOptions.files().load(stackOptions.stack());
        terminal.progress("Synthesizing stack '" + stack.name() + "' (" + stack.system().id() + ", " + stack.environment().id() + ")");
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
        OutputDirectory.replace(target, files);

        int objects = manifests.stream().mapToInt(m -> m.objects().size()).sum();
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (output.format() == OutputFormat.json) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode report = json.createObjectNode();
            report.put("stack", stack.name());
            report.put("system", stack.system().id());
            report.put("directory", target.toString());
            report.put("format", format.name());
            ArrayNode list = report.putArray("files");
            if (format == ManifestFormat.helm) {
                files.keySet().forEach(f -> list.addObject().put("file", f));
            } else {
                for (Manifest m : manifests) {
                    list.addObject().put("file", m.component().fileName()).put("component", m.component().id())
                            .put("objects", m.objects().size());
                }
            }
            terminal.out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else if (format == ManifestFormat.helm) {
            for (String f : files.keySet()) {
                terminal.out().println(target.resolve(f));
            }
        } else {
            for (Manifest m : manifests) {
                terminal.out().printf("%s\t%d objects%n", target.resolve(m.component().fileName()), m.objects().size());
            }
        }
        terminal.out().flush();
        terminal.success("Wrote " + files.size() + " files, " + objects + " objects to " + target + " in " + millis + " ms");
        return ExitCode.OK;
    }
}
