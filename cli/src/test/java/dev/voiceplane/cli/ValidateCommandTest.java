package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CliRun cli = new CliRun();

    @TempDir
    Path tmp;

    private int run(String... args) {
        return cli.run(args);
    }

    /** A copy of the local stack whose quota admits minimum scale but no rollout surge (the parser cannot see that). */
    private Path brokenStacks() throws Exception {
        Path stacks = Files.createDirectories(tmp.resolve("repo/stacks"));
        String local = Files.readString(CliRun.stacksDir().resolve("Pulumi.local.yaml"));
        String broken = local.replaceFirst("(?m)^    limitsCpu: .*$", "    limitsCpu: \"3\"");
        assertThat(broken).isNotEqualTo(local);
        Files.writeString(stacks.resolve("Pulumi.local.yaml"), broken);
        return stacks;
    }

    @Test
    void theSarifOfABrokenStackValidatesAgainstTheSarif210SchemaAndPointsAtTheObjectAndTheStackLine() throws Exception {
        Path stacks = brokenStacks();
        int code = run("validate", "--stack", "local", "--stacks-dir", stacks.toString(), "--output", "sarif");
        assertThat(code).as(cli.err()).isEqualTo(ExitCode.FAILURE);
        JsonNode sarif = JSON.readTree(cli.out());

        // The OASIS SARIF 2.1.0 schema (sarif-2.1.0-rtm.5, draft-04), as shipped in npm @microsoft/jest-sarif 1.0.0-beta.0.
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(sarif);
        assertThat(errors).as("SARIF schema violations").isEmpty();

        JsonNode run = sarif.at("/runs/0");
        assertThat(run.at("/tool/driver/rules").findValuesAsText("id")).contains("pss-seccomp", "quota-admits-workloads", "schema");
        JsonNode rule = run.at("/tool/driver/rules").findParents("id").stream().filter(r -> r.path("id").asText().equals("quota-admits-workloads"))
                .findFirst().orElseThrow();
        assertThat(rule.at("/help/text").asText()).contains("Fix:");
        assertThat(rule.at("/helpUri").asText()).startsWith("https://kubernetes.io/");
        assertThat(rule.at("/defaultConfiguration/level").asText()).isEqualTo("error");

        JsonNode quota = null;
        for (JsonNode r : run.path("results")) {
            if (r.path("ruleId").asText().equals("quota-admits-workloads")) {
                quota = r;
            }
        }
        assertThat(quota).as("the quota finding").isNotNull();
        assertThat(quota.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("dist/local/namespace.yaml");
        assertThat(quota.at("/locations/0/physicalLocation/region/startLine").asInt()).isPositive();
        assertThat(quota.at("/relatedLocations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("stacks/Pulumi.local.yaml");
        int quotaLine = Files.readAllLines(stacks.resolve("Pulumi.local.yaml")).indexOf("  voiceplane:quota:") + 1;
        assertThat(quota.at("/relatedLocations/0/physicalLocation/region/startLine").asInt()).isEqualTo(quotaLine);
    }

    @Test
    void dirValidatesForeignYamlRecursivelyWithFileAndLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("manifests/nested"));
        Files.writeString(dir.resolve("app.yml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: shop
                data:
                  mode: fast
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: shop
                spec:
                  type: NodePort
                  selector:
                    app: web
                  ports:
                    - port: 80
                """);
        int code = run("validate", "--dir", tmp.resolve("manifests").toString());
        assertThat(code).as(cli.err()).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.out()).contains("service-type (warning, object policy)")
                .containsPattern("manifests/nested/app\\.yml:15 +Service/shop/web +/spec/type")
                .contains("fix: use ClusterIP behind the ingress, or LoadBalancer")
                .contains("service-selects-pods");
        assertThat(cli.out()).doesNotContain("\u001b[");
    }

    @Test
    void aWaivedFindingPassesAndIsListedWithItsReasonInEveryFormat() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("waived"));
        Files.writeString(dir.resolve("cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: fixture
                  annotations:
                    voiceplane.dev/allowed-because.no-secret-literals: "a test fixture, never deployed"
                data:
                  db_password: not-a-real-one
                """);
        assertThat(run("validate", "--dir", dir.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("waived:").contains("no-secret-literals").contains("allowed because: a test fixture, never deployed");

        CliRun json = new CliRun();
        assertThat(json.run("validate", "--dir", dir.toString(), "--output", "json")).isZero();
        JsonNode finding = JSON.readTree(json.out()).at("/targets/0/findings/0");
        assertThat(finding.path("waived").asBoolean()).isTrue();
        assertThat(finding.at("/waiver/reason").asText()).isEqualTo("a test fixture, never deployed");

        CliRun sarif = new CliRun();
        assertThat(sarif.run("validate", "--dir", dir.toString(), "--output", "sarif")).isZero();
        JsonNode suppression = JSON.readTree(sarif.out()).at("/runs/0/results/0/suppressions/0");
        assertThat(suppression.path("kind").asText()).isEqualTo("inSource");
        assertThat(suppression.path("justification").asText()).isEqualTo("a test fixture, never deployed");
    }

    @Test
    void meshedNamespaceSaysWhichOutsideNamespacesPresentMeshCertificates() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mesh"));
        Files.writeString(dir.resolve("app.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                  labels:
                    istio-injection: enabled
                ---
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata:
                  name: default
                  namespace: shop
                spec:
                  mtls:
                    mode: STRICT
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  namespace: shop
                  labels:
                    app: web
                spec:
                  containers:
                    - name: web
                      image: r/web:1.0.0
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: web
                  namespace: shop
                spec:
                  podSelector:
                    matchLabels:
                      app: web
                  ingress:
                    - from:
                        - namespaceSelector:
                            matchLabels:
                              kubernetes.io/metadata.name: ingress-nginx
                      ports:
                        - port: 8080
                """);
        CliRun plain = new CliRun();
        plain.run("validate", "--dir", dir.toString(), "--output", "json");
        assertThat(plain.out()).contains("namespace ingress-nginx, which runs outside the mesh");
        CliRun meshed = new CliRun();
        meshed.run("validate", "--dir", dir.toString(), "--output", "json", "--meshed-namespace", "ingress-nginx");
        assertThat(meshed.out()).contains("\"rule\"").doesNotContain("runs outside the mesh");
    }

    @Test
    void aWaiverWithoutAReasonFails() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("blank"));
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n"
                + "    voiceplane.dev/allowed-because.no-secret-literals: \"\"\ndata:\n  db_password: not-a-real-one\n");
        assertThat(run("validate", "--dir", dir.toString())).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.out()).contains("waiver of 'no-secret-literals' gives no reason");
    }

    @Test
    void badYamlUnderDirIsBadInputNamingFileAndLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("broken.yaml"), "apiVersion: v1\nkind: ConfigMap\n---\n- a list\n");
        assertThat(run("validate", "--dir", dir.toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("broken.yaml:4");
    }

    @Test
    void dirAndStackTogetherOrAMissingDirAreBadInput() {
        assertThat(run("validate", "--dir", tmp.toString(), "--stack", "local")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(new CliRun().run("validate", "--dir", tmp.resolve("nope").toString())).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void anUnknownStackIsBadInput() {
        assertThat(run("validate", "--stack", "nope", "--stacks-dir", CliRun.stacksDir().toString())).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void theReadmeRuleTableIsTheOneTheRegistryGenerates() throws Exception {
        assertThat(run("validate", "--list-rules", "--output", "markdown")).isZero();
        String generated = cli.out();
        String readme = Files.readString(CliRun.stacksDir().getParent().resolve("README.md"));
        String start = "<!-- validate-rules:start (generated: voiceplane validate --list-rules --output markdown) -->\n";
        String end = "<!-- validate-rules:end -->";
        assertThat(readme).contains(start).contains(end);
        String table = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end));
        assertThat(table).isEqualTo(generated);
    }

    @Test
    void validateFindsItsSchemaModelsFromAnyWorkingDirectory() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(dir.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels:\n"
                + "    pod-security.kubernetes.io/enforce: restricted\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Voiceplane.class.getName(), "validate", "--dir", ".")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(output).contains("pass every rule").doesNotContain("internal error");
    }

    @Test
    void missingSchemaModelsAreAnUnexpectedStateThatSaysWhereItLookedAndHowToFixIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("models-missing"));
        Files.writeString(dir.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dvoiceplane.schemaModels=" + tmp.resolve("no-models"),
                "-cp", System.getProperty("java.class.path"), Voiceplane.class.getName(), "validate", "--dir", ".")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isEqualTo(ExitCode.UNEXPECTED_STATE);
        assertThat(output).contains("npm schema models").contains(tmp.resolve("no-models").toString())
                .contains("mvn -pl charts-gen -am package").doesNotContain("internal error");
    }
}
