package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.Synthesizer;
import dev.voiceplane.synth.schema.PromQlSyntax;
import dev.voiceplane.synth.schema.SchemaValidator;
import dev.voiceplane.synth.schema.SchemaViolation;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code voiceplane validate}: synthesizes a stack (or all of them) and checks every object against
 * its published schema (Kubernetes 1.33 OpenAPI, the CRD models of cert-manager,
 * prometheus-operator, VPA and external-secrets), and the PromQL of alert rules and dashboards
 * against the Prometheus grammar. Writes nothing; exit code 1 on any violation,
 * so CI can gate a pull request on it.
 */
@Command(name = "validate", description = "Check every synthesized object against the Kubernetes 1.33 OpenAPI schema and the "
        + "published models of its custom resources, and every alert and dashboard query against the PromQL grammar.", footer = ExitCode.HELP, mixinStandardHelpOptions = true)
final class ValidateCommand extends VoiceplaneCommand {
    @Mixin
    StackOptions stackOptions;

    @Mixin
    OutputOptions output;

    @Override
    int run() throws Exception {
        List<StackConfig> stacks = stackOptions.load();
        SchemaValidator validator = new SchemaValidator();
        PromQlSyntax promql = new PromQlSyntax();
        ObjectMapper json = new ObjectMapper();
        ArrayNode report = json.createArrayNode();
        int objects = 0;
        List<SchemaViolation> violations = new ArrayList<>();
        for (StackConfig stack : stacks) {
            String name = stack.name();
            terminal.progress("Validating stack '" + name + "'");
            List<Manifest> manifests = Synthesizer.synth(stack);
            List<com.fasterxml.jackson.databind.node.ObjectNode> list = manifests.stream().flatMap(m -> m.objects().stream()).toList();
            objects += list.size();
            List<SchemaViolation> found = new ArrayList<>(validator.validate(list));
            found.addAll(promql.validate(list));
            violations.addAll(found);
            ObjectNode entry = report.addObject().put("stack", name).put("objects", list.size());
            ArrayNode v = entry.putArray("violations");
            for (SchemaViolation s : found) {
                v.addObject().put("object", s.object()).put("schema", s.schema()).put("message", s.message());
                if (output.format() == OutputFormat.text) {
                    terminal.out().println(name + ": " + s);
                }
            }
        }
        if (output.format() == OutputFormat.json) {
            terminal.out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        }
        terminal.out().flush();
        if (!violations.isEmpty()) {
            terminal.error(violations.size() + " schema violation(s) in " + objects + " objects");
            return ExitCode.FAILURE;
        }
        terminal.success(objects + " objects in " + stacks.size() + " stack(s) conform to their published schemas");
        return ExitCode.OK;
    }
}
