package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.stack.DeployTimeValues;
import dev.voiceplane.synth.Synthesizer;
import dev.voiceplane.synth.schema.SchemaModelsMissingException;
import dev.voiceplane.validate.ClusterFacts;
import dev.voiceplane.validate.Inputs;
import dev.voiceplane.validate.JsonReport;
import dev.voiceplane.validate.Report;
import dev.voiceplane.validate.RuleRegistry;
import dev.voiceplane.validate.RuleTable;
import dev.voiceplane.validate.SarifReport;
import dev.voiceplane.validate.StackFileLines;
import dev.voiceplane.validate.TextReport;
import dev.voiceplane.validate.Validation;
import dev.voiceplane.validate.YamlDocuments;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code voiceplane validate}: the gate a stack passes before it reaches a cluster. Synthesizes a stack (or
 * all of them), or reads YAML from {@code --dir}, and runs {@code dev.voiceplane.validate}'s rules in three
 * layers (schema, object policy, cross-object). Writes nothing; exit 0 when every finding is waived, 1 on
 * findings, 2 on bad input.
 */
@Command(name = "validate", description = {
        "Check a stack's synthesized objects (or any Kubernetes YAML with --dir) in three layers: published schemas; object policy "
                + "(Pod Security restricted with Istio's injected containers, resources, probes, pinned images, NetworkPolicy coverage, ...); "
                + "cross-object invariants (quota admission with surges, jobs and sidecars, storage-class limits, managed-store endpoints, "
                + "HPA metrics, backups and alerts, TLS issuers).",
        "A finding is accepted by the annotation voiceplane.dev/allowed-because.<rule-id>: \"<reason>\" on its object; "
                + "waived findings are listed in every report."},
        footer = ExitCode.HELP, mixinStandardHelpOptions = true)
final class ValidateCommand extends VoiceplaneCommand {
    /** Report formats: text for a person, json for machines, sarif for code scanning, markdown for --list-rules. */
    enum Format { text, json, sarif, markdown }

    /** What enforces NetworkPolicies on the cluster, for --dir. */
    enum Enforcement { enforced, inert }

    @Mixin
    StackOptions stackOptions;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "<format>", defaultValue = "text",
            description = "Report on stdout: ${COMPLETION-CANDIDATES} (markdown only with --list-rules; default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--dir", paramLabel = "<dir>", description = "Validate the .yaml/.yml files under <dir> (recursively, multi-document) instead of a stack.")
    Path dir;

    @Option(names = "--out", paramLabel = "<dir>", defaultValue = "dist",
            description = "Where synth writes the stacks, relative to the repository: findings point into <dir>/<stack>/ (default: ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--list-rules", description = "List the rules (id, layer, severity, what each checks) and exit.")
    boolean listRules;

    @Option(names = "--cloud", paramLabel = "<cloud>", description = "With --dir: the cloud of the cluster (none, azure, aws; default: none).")
    String cloud = "none";

    @Option(names = "--network-policies", paramLabel = "<state>", defaultValue = "enforced",
            description = "With --dir: whether the cluster's network plugin enforces NetworkPolicies: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Enforcement networkPolicies;

    @Option(names = "--metrics-adapter", paramLabel = "<api>", split = ",",
            description = "With --dir: metrics APIs an adapter serves on the cluster: custom, external.")
    List<String> metricsAdapters = new ArrayList<>();

    @Option(names = "--istio-cni", description = "With --dir: the mesh runs the Istio CNI (pods get istio-validation instead of istio-init).")
    boolean istioCni;

    @Option(names = "--cluster-issuer", paramLabel = "<name>", split = ",", description = "With --dir: cert-manager ClusterIssuers installed on the cluster.")
    List<String> clusterIssuers = new ArrayList<>();

    @Option(names = "--meshed-namespace", paramLabel = "<ns>", split = ",",
            description = "With --dir: namespaces outside the files whose pods run Istio sidecars (e.g. a meshed ingress-nginx), "
                    + "so STRICT mutual TLS accepts their connections.")
    List<String> meshedNamespaces = new ArrayList<>();

    @Override
    int run() throws Exception {
        if (listRules) {
            terminal.out().print(format == Format.markdown ? RuleTable.markdown(RuleRegistry.specs()) : RuleTable.text(RuleRegistry.specs()));
            terminal.out().flush();
            return ExitCode.OK;
        }
        if (format == Format.markdown) {
            terminal.error("--output markdown lists the rules: use it with --list-rules");
            return ExitCode.BAD_INPUT;
        }
        List<Report> reports;
        try {
            reports = dir != null ? validateDirectory() : validateStacks();
        } catch (YamlDocuments.InvalidYamlException e) {
            terminal.error(e.getMessage());
            return ExitCode.BAD_INPUT;
        } catch (SchemaModelsMissingException e) {
            terminal.error(e.getMessage());
            return ExitCode.UNEXPECTED_STATE;
        }
        if (reports == null) {
            return ExitCode.BAD_INPUT;
        }
        print(reports);
        int open = reports.stream().mapToInt(r -> r.open().size()).sum();
        int waived = reports.stream().mapToInt(r -> r.waived().size()).sum();
        int objects = reports.stream().mapToInt(Report::objects).sum();
        if (open > 0) {
            terminal.error(open + " finding(s) in " + objects + " objects (" + waived + " waived)");
            return ExitCode.FAILURE;
        }
        terminal.success(objects + " objects in " + reports.size() + " target(s) pass every rule (" + waived + " waived finding(s))");
        return ExitCode.OK;
    }

    private List<Report> validateStacks() {
        List<StackConfig> stacks = stackOptions.load();
        StackFiles files = stackOptions.one.files();
        Path repo = files.directory().toAbsolutePath().normalize().getParent();
        Validation validation = new Validation(RuleRegistry.all(schemaModels()));
        String outRoot = Inputs.relative(repo, Path.of(out).isAbsolute() ? Path.of(out) : repo.resolve(out));
        List<Report> reports = new ArrayList<>();
        for (StackConfig stack : stacks) {
            terminal.progress("Validating stack '" + stack.name() + "'");
            Path stackFile = files.fileOf(stack.name());
            Optional<StackFileLines> lines = Optional.empty();
            try {
                lines = Optional.of(StackFileLines.read(Inputs.relative(repo, stackFile), Files.readString(stackFile, StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                terminal.warn("cannot re-read " + stackFile + " for line numbers: " + e.getMessage());
            }
            // What pulumi up releases: values only infra knows (identities, tenant) are filled in there, so they
            // are stood in for here, and the user is told which ones.
            List<String> deployTime = DeployTimeValues.missing(stack);
            if (!deployTime.isEmpty()) {
                terminal.warn("stack '" + stack.name() + "': " + String.join(", ", deployTime) + " come from infra at pulumi up; "
                        + "validated with stand-ins (voiceplane apply needs them in the stack file)");
            }
            StackConfig deployed = DeployTimeValues.withStandIns(stack);
            reports.add(validation.run(stack.name(), Inputs.stack(deployed, Synthesizer.synth(deployed), outRoot), lines));
        }
        return reports;
    }

    private List<Report> validateDirectory() {
        var parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--stack") || parsed.hasMatchedOption("--all")) {
            terminal.error("--dir validates files: give either --dir or --stack/--all, not both");
            return null;
        }
        if (!Files.isDirectory(dir)) {
            terminal.error("--dir " + dir + ": no such directory");
            return null;
        }
        Cloud c;
        try {
            c = Cloud.valueOf(cloud.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            terminal.error("--cloud '" + cloud + "': expected none, azure or aws");
            return null;
        }
        for (String api : metricsAdapters) {
            if (!api.equals("custom") && !api.equals("external")) {
                terminal.error("--metrics-adapter '" + api + "': expected custom or external");
                return null;
            }
        }
        ClusterFacts facts = new ClusterFacts(c, networkPolicies == Enforcement.enforced ? "declared with --network-policies enforced" : "",
                metricsAdapters.contains("custom"), metricsAdapters.contains("external"), istioCni, Set.copyOf(clusterIssuers),
                Set.copyOf(meshedNamespaces));
        terminal.progress("Validating the YAML under " + dir);
        Validation validation = new Validation(RuleRegistry.all(schemaModels()));
        return List.of(validation.run(dir.toString(), Inputs.directory(dir, Path.of(""), facts), Optional.empty()));
    }

    private static Path schemaModels() {
        return dev.voiceplane.synth.schema.SchemaModels.locate();
    }

    private void print(List<Report> reports) throws Exception {
        ObjectMapper json = new ObjectMapper();
        switch (format) {
            case json -> terminal.out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(JsonReport.of(reports)));
            case sarif -> terminal.out().println(json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(SarifReport.of(reports, RuleRegistry.specs(), version())));
            default -> new TextReport(terminal::paint).write(reports, terminal.out());
        }
        terminal.out().flush();
    }

    private static String version() throws java.io.IOException {
        Properties p = new Properties();
        try (InputStream in = Voiceplane.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return p.getProperty("version", "unknown");
    }
}
