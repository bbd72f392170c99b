package dev.voiceplane.infra;

import static dev.voiceplane.infra.InfraRun.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.voiceplane.infra.plan.MockCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Azure Speech and OpenAI with local auth off: each service that calls one has its own workload identity
 * with exactly one role on exactly the account it calls, and the chart binds that identity to the
 * service's pods (ServiceAccount annotation, webhook label) and tells realtime-processor the Speech id.
 */
class AiAccessTest {
    static final String SPEECH_USER = "f2dc8367-1007-4938-bd23-fe263f013447";
    static final String OPENAI_USER = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";

    static InfraRun production() {
        return InfraRun.of("ai-ninja-production");
    }

    @Test
    void bothAccountsTakeNoKeysAndHaveTheCustomSubdomainEntraNeeds() {
        for (var account : production().ofType("azure-native:cognitiveservices:Account")) {
            assertThat(at(account.inputs(), "properties.disableLocalAuth")).as(account.name()).isEqualTo(true);
            assertThat(at(account.inputs(), "properties.customSubDomainName")).as(account.name()).asString().isNotBlank();
        }
        assertThat(MockCloud.refusal("azure-native:cognitiveservices:Account", Map.of("properties", Map.of("disableLocalAuth", true))))
                .hasValueSatisfying(why -> assertThat(why).contains("customSubDomainName"));
    }

    @Test
    void eachCallerHasOneRoleOnTheOneAccountItCalls() {
        Map<String, String> grants = new TreeMap<>();
        for (var grant : production().ofType("azure-native:authorization:RoleAssignment")) {
            String role = String.valueOf(grant.inputs().get("roleDefinitionId"));
            if (role.endsWith(SPEECH_USER) || role.endsWith(OPENAI_USER)) {
                grants.put(String.valueOf(grant.inputs().get("principalId")),
                        (role.endsWith(SPEECH_USER) ? "speech-user on " : "openai-user on ") + grant.inputs().get("scope"));
            }
        }
        assertThat(grants).containsExactlyInAnyOrderEntriesOf(Map.of(
                "principal-ai-ninja-production-realtime-processor", "speech-user on ai-ninja-production-speech-id",
                "principal-ai-ninja-production-conversation-engine", "openai-user on ai-ninja-production-openai-id",
                "principal-ai-ninja-production-conversation-analyzer", "openai-user on ai-ninja-production-openai-id"));
        Map<String, Object> subjects = new TreeMap<>();
        production().ofType("azure-native:managedidentity:FederatedIdentityCredential")
                .forEach(f -> subjects.put(f.name(), f.inputs().get("subject")));
        assertThat(subjects).containsEntry("ai-ninja-production-realtime-processor-federation", "system:serviceaccount:ai-ninja:realtime-processor")
                .containsEntry("ai-ninja-production-conversation-engine-federation", "system:serviceaccount:ai-ninja:conversation-engine")
                .containsEntry("ai-ninja-production-conversation-analyzer-federation", "system:serviceaccount:ai-ninja:conversation-analyzer");
        // No service that calls neither gets an identity.
        assertThat(subjects.keySet()).noneMatch(n -> n.contains("user-management") || n.contains("smart-whitelist") || n.contains("profile-analytics"));
    }

    @Test
    void theChartBindsExactlyTheCallersPodsToTheirIdentities() throws Exception {
        assertThat(production().errors()).isEmpty();
        List<JsonNode> objects = objects(production().charts.resolve("ai-ninja-production"));
        Map<String, String> annotated = new TreeMap<>();
        Map<String, String> labelled = new TreeMap<>();
        // The chart takes ServiceAccount annotations from values.yaml (serviceAccounts.<name>.annotations).
        new YAMLMapper().readTree(production().charts.resolve("ai-ninja-production/values.yaml").toFile()).path("serviceAccounts").fields()
                .forEachRemaining(e -> {
                    JsonNode id = e.getValue().at("/annotations/azure.workload.identity~1client-id");
                    if (!id.isMissingNode()) {
                        annotated.put(e.getKey(), id.asText());
                    }
                });
        for (JsonNode o : objects) {
            String name = o.at("/metadata/name").asText();
            if (o.path("kind").asText().equals("Deployment") && o.at("/spec/template/metadata/labels").has("azure.workload.identity/use")) {
                labelled.put(name, o.at("/spec/template/metadata/labels").path("azure.workload.identity/use").asText());
            }
        }
        assertThat(annotated).containsOnlyKeys("realtime-processor", "conversation-engine", "conversation-analyzer", "ai-ninja-vault-reader")
                .containsEntry("realtime-processor", "client-ai-ninja-production-realtime-processor")
                .containsEntry("conversation-engine", "client-ai-ninja-production-conversation-engine");
        assertThat(labelled).containsOnlyKeys("realtime-processor", "conversation-engine", "conversation-analyzer").containsValue("true");
        JsonNode realtime = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")
                && o.at("/metadata/name").asText().equals("realtime-processor")).findFirst().orElseThrow();
        List<String> env = new ArrayList<>();
        realtime.at("/spec/template/spec/containers/0/env").forEach(e -> env.add(e.path("name").asText() + "=" + e.path("value").asText()));
        assertThat(env).contains("AZURE_SPEECH_RESOURCE_ID=ai-ninja-production-speech-id");
    }

    @Test
    void theKeyEntriesTheExternalSecretListsAreEmpty() {
        for (String entry : List.of("azure-speech-key", "azure-openai-key")) {
            var secret = production().named("azure-native:keyvault:Secret", "ai-ninja-production-kv-" + entry);
            assertThat(secret.inputs().get("secretName")).isEqualTo(entry);
            assertThat(at(secret.inputs(), "properties.value")).isEqualTo("");
        }
    }

    static List<JsonNode> objects(Path chart) throws Exception {
        ObjectMapper yaml = new YAMLMapper();
        List<JsonNode> out = new ArrayList<>();
        try (var files = Files.walk(chart.resolve("templates"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                // Helm template lines (label includes) dropped: the rest is the YAML charts-gen wrote.
                String text = Files.readAllLines(p).stream().filter(l -> !l.contains("{{")).collect(java.util.stream.Collectors.joining("\n"));
                var parser = new YAMLFactory().createParser(text);
                for (JsonNode doc : yaml.readValues(parser, JsonNode.class).readAll()) {
                    if (doc != null && doc.has("kind")) {
                        out.add(doc);
                    }
                }
            }
        }
        return out;
    }
}
