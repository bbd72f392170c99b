package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.voiceplane.cli.diff.RiskClass;
import dev.voiceplane.synth.YamlWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff --all} against a baseline edited so that every risk class, a no-op and a plain change
 * appear, with its text, JSON and Markdown reports as golden files. Each edit makes the base what a
 * pull request would change from: e.g. the base's Role granting less, so that the change widens it.
 */
class DiffGoldenTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    static Path synthesized;

    @TempDir
    Path base;

    @BeforeAll
    static void synthesizeEveryStackOnce() {
        CliRun run = new CliRun();
        assertThat(run.run("synth", "--all", "--stacks-dir", CliRun.stacksDir().toString(), "--out", synthesized.toString()))
                .as(run.err()).isZero();
    }

    @BeforeEach
    void copyAndEditTheBase() throws Exception {
        try (Stream<Path> files = Files.walk(synthesized)) {
            for (Path from : files.sorted().toList()) {
                Path to = base.resolve(synthesized.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        Path local = base.resolve("local");
        // replace: the base's first core Deployment selected on one more label.
        edit(local.resolve("core-services.yaml"), kind("Deployment"), 1,
                d -> ((ObjectNode) d.at("/spec/selector/matchLabels")).put("tier", "core"));
        // capacity-reduced: the base ran the second one with two replicas.
        edit(local.resolve("core-services.yaml"), kind("Deployment"), 2, d -> ((ObjectNode) d.path("spec")).put("replicas", 2));
        // rbac-widened: the base's vault reader had only its first rule.
        edit(local.resolve("config-security.yaml"), kind("Role"), 1, r -> ((com.fasterxml.jackson.databind.node.ArrayNode) r.path("rules")).remove(1));
        // network-opened: the base's first ipBlock was half the address space.
        edit(local.resolve("config-security.yaml"), o -> kind("NetworkPolicy").test(o) && o.toString().contains("\"cidr\":\"0.0.0.0/0\""), 1,
                p -> p.findParents("cidr").forEach(b -> ((ObjectNode) b).put("cidr", "0.0.0.0/1")));
        // service-changed: the base's first monitoring Service had one more port.
        edit(local.resolve("monitoring.yaml"), kind("Service"), 1, s -> ((com.fasterxml.jackson.databind.node.ArrayNode) s.at("/spec/ports"))
                .addObject().put("name", "legacy").put("port", 9999).put("targetPort", 9999));
        // no-op: the base wrote the quota's CPU in millicores.
        edit(local.resolve("namespace.yaml"), kind("ResourceQuota"), 1, q -> ((ObjectNode) q.at("/spec/hard")).put("requests.cpu", "4000m"));
        // plain change: the base ran an older backup image.
        edit(local.resolve("backups.yaml"), kind("CronJob"), 1, c -> c.findParents("image").forEach(i -> ((ObjectNode) i)
                .put("image", i.path("image").asText().replace(":0.1.0", ":0.0.9"))));
        // data-loss and network-opened: objects only the base had.
        append(local.resolve("storage.yaml"), """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: old-recordings, namespace: ai-ninja}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
                """);
        append(local.resolve("config-security.yaml"), """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: legacy-default-deny, namespace: ai-ninja}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """);
        Path production = base.resolve("ai-ninja-production");
        // pdb-loosened and capacity-reduced (HPA minimum).
        edit(production.resolve("autoscaling.yaml"), name("user-management-pdb"), 1, p -> ((ObjectNode) p.path("spec")).put("maxUnavailable", 0));
        edit(production.resolve("autoscaling.yaml"), name("user-management-hpa"), 1, h -> ((ObjectNode) h.path("spec")).put("minReplicas", 4));
        // stack-removed: a stack only the base has.
        Files.createDirectories(base.resolve("retired"));
        Files.writeString(base.resolve("retired").resolve("config.yml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: retired-settings, namespace: retired}
                data: {MODE: old}
                """);
    }

    private CliRun diff(String output) {
        CliRun cli = new CliRun();
        int code = cli.run("diff", "--all", "--stacks-dir", CliRun.stacksDir().toString(), "--against", base.toString(), "--output", output);
        assertThat(code).as(cli.err()).isEqualTo(ExitCode.DIFF_RISKY);
        return cli;
    }

    @Test
    void theTextReportShowsEachChangeAndNamesEveryRiskOnStderr() throws Exception {
        CliRun cli = diff("text");
        Golden.assertMatches("diff/risks.txt", cli.out());
        for (RiskClass c : RiskClass.values()) {
            assertThat(cli.err()).as("stderr names %s", c).contains(": " + c.id() + ": ");
        }
        assertThat(cli.err()).contains("local: 0 to create, 6 to change, 2 to delete").contains("1 no-op after normalisation")
                .contains("retired: stack removed: 0 to create, 0 to change, 1 to delete");
    }

    @Test
    void theJsonReportCountsRisksByClassPerStack() throws Exception {
        CliRun cli = diff("json");
        Golden.assertMatches("diff/risks.json", cli.out());
        JsonNode report = new ObjectMapper().readTree(cli.out());
        assertThat(report.path("exitCode").asInt()).isEqualTo(3);
        List<String> classes = new ArrayList<>();
        report.path("stacks").forEach(s -> s.path("risks").fieldNames().forEachRemaining(classes::add));
        assertThat(classes).containsAll(RiskClass.ids());
    }

    @Test
    void theMarkdownReportFitsAPullRequestCommentAndCarriesTheMarker() throws Exception {
        CliRun cli = diff("markdown");
        Golden.assertMatches("diff/risks.md", cli.out());
        assertThat(cli.out()).startsWith("<!-- voiceplane-diff -->\n").contains("<details><summary>local:")
                .doesNotContain("c3VwZXI").hasSizeLessThanOrEqualTo(65_536);
    }

    @Test
    void acceptingEveryClassPresentMakesItChangesOnly() {
        CliRun cli = new CliRun();
        int code = cli.run("diff", "--all", "--stacks-dir", CliRun.stacksDir().toString(), "--against", base.toString(),
                "--accept", String.join(",", RiskClass.ids()));
        assertThat(code).as(cli.err()).isEqualTo(ExitCode.DIFF_CHANGES);
        assertThat(cli.err()).contains("(accepted)").doesNotContain("error:");
    }

    private static Predicate<JsonNode> kind(String kind) {
        return o -> kind.equals(o.path("kind").asText());
    }

    private static Predicate<JsonNode> name(String name) {
        return o -> name.equals(o.at("/metadata/name").asText());
    }

    /** Edits the {@code nth} (1-based) object of {@code file} matching {@code which}, writing the file back as synth writes it. */
    private static void edit(Path file, Predicate<JsonNode> which, int nth, Consumer<ObjectNode> change) throws Exception {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
            docs.forEachRemaining(objects::add);
        }
        int seen = 0;
        for (JsonNode o : objects) {
            if (which.test(o) && ++seen == nth) {
                change.accept((ObjectNode) o);
                Files.writeString(file, YamlWriter.write(objects));
                return;
            }
        }
        throw new AssertionError("no object " + nth + " to edit in " + file);
    }

    private static void append(Path file, String yaml) throws Exception {
        Files.writeString(file, Files.readString(file) + "---\n" + yaml);
    }
}
