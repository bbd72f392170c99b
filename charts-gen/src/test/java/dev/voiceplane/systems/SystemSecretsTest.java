package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.objects;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.testing.Testing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each stack's vault and the secrets its workloads read: the systems' rules. How one store looks is VaultSecretsTest's. */
class SystemSecretsTest {

    private static Set<String> keys(ObjectNode externalSecret) {
        Set<String> keys = new HashSet<>();
        externalSecret.at("/spec/data").forEach(d -> keys.add(d.path("secretKey").asText()));
        return keys;
    }

    /**
     * Workload identity exchanges the service account's token at the tenant's token endpoint; without a
     * tenant the operator stops with "missing tenantID" and no Secret, so no service, ever starts. The
     * store and the account both name it (https://external-secrets.io/latest/provider/azure-key-vault/,
     * https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html).
     */
    @Test
    void theAzureStoreNamesTheTenantOfItsWorkloadIdentity() {
        // The tenant is infra's (the client config it deploys with), filled in at deploy time like the client id.
        for (String stack : new String[] {"ai-ninja-staging" + Testing.DEPLOYED, "ai-ninja-production" + Testing.DEPLOYED}) {
            ObjectNode store = object(stack, "SecretStore", "ai-ninja-vault");
            String tenant = Testing.stack(stack).cloudIdentities().tenantId();
            assertThat(tenant).as(stack).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(store.at("/spec/provider/azurekv/tenantId").asText()).as(stack).isEqualTo(tenant);
            String account = store.at("/spec/provider/azurekv/serviceAccountRef/name").asText();
            assertThat(object(stack, "ServiceAccount", account).at("/metadata/annotations/azure.workload.identity~1tenant-id").asText())
                    .isEqualTo(tenant);
        }
    }

    @Test
    void azureStacksReadKeyVaultThroughWorkloadIdentity() {
        ObjectNode store = object("ai-ninja-production", "SecretStore", "ai-ninja-vault");
        assertThat(store.at("/spec/provider/azurekv/authType").asText()).isEqualTo("WorkloadIdentity");
        assertThat(store.at("/spec/provider/azurekv/vaultUrl").asText()).isEqualTo("https://ai-ninja-prod-kv.vault.azure.net/");
        String account = store.at("/spec/provider/azurekv/serviceAccountRef/name").asText();
        // The client id is infra's, filled in at deploy time; the stack file carries none.
        assertThat(object("ai-ninja-production" + Testing.DEPLOYED, "ServiceAccount", account)
                .at("/metadata/annotations/azure.workload.identity~1client-id").asText()).isEqualTo(Testing.DEPLOYED_CLIENT_ID);
        JsonNode openAi = null;
        for (JsonNode d : object("ai-ninja-production", "ExternalSecret", "ai-ninja-secrets").at("/spec/data")) {
            if (d.path("secretKey").asText().equals("AZURE_OPENAI_KEY")) {
                openAi = d;
            }
        }
        assertThat(openAi).isNotNull();
        assertThat(openAi.at("/remoteRef/key").asText()).isEqualTo("azure-openai-key");
    }

    @Test
    void awsStacksReadSecretsManagerInTheirRegionThroughIrsa() {
        ObjectNode store = object("bharatvoice-production", "SecretStore", "bharatvoice-vault");
        assertThat(store.at("/spec/provider/aws/service").asText()).isEqualTo("SecretsManager");
        assertThat(store.at("/spec/provider/aws/region").asText()).isEqualTo("ap-south-1");
        String account = store.at("/spec/provider/aws/auth/jwt/serviceAccountRef/name").asText();
        assertThat(object("bharatvoice-production" + Testing.DEPLOYED, "ServiceAccount", account)
                .at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText())
                .isEqualTo("arn:aws:iam::" + Testing.DEPLOYED_ACCOUNT + ":role/bharatvoice-production-external-secrets");
        JsonNode ref = object("bharatvoice-production", "ExternalSecret", "bharatvoice-secrets").at("/spec/data/0/remoteRef");
        assertThat(ref.path("key").asText()).isEqualTo("bharatvoice/production");
    }

    @Test
    void theLocalStoreCopiesFromAHandMadeSecretAndMayReadNothingElse() {
        ObjectNode store = object("local", "SecretStore", "ai-ninja-vault");
        assertThat(store.at("/spec/provider/kubernetes/remoteNamespace").asText()).isEqualTo("ai-ninja");
        ObjectNode role = object("local", "Role", "ai-ninja-vault-reader");
        assertThat(role.at("/rules/0/resources/0").asText()).isEqualTo("secrets");
        assertThat(role.at("/rules/0/resourceNames").toString()).isEqualTo("[\"ai-ninja-local-secrets\"]");
        assertThat(role.at("/rules/0/verbs").toString()).isEqualTo("[\"get\"]");
        assertThat(object("local", "RoleBinding", "ai-ninja-vault-reader").at("/subjects/0/name").asText()).isEqualTo("ai-ninja-vault-reader");
        assertThat(object("local", "ExternalSecret", "ai-ninja-secrets").at("/spec/data/0/remoteRef/key").asText())
                .isEqualTo("ai-ninja-local-secrets");
    }

    @Test
    void theSystemSecretHoldsEverySecretKeyOfTheCatalog() {
        Set<String> expected = new HashSet<>();
        ServiceCatalog.of(SystemName.AI_NINJA).forEach(s -> s.env().stream()
                .filter(v -> v.source() == EnvVar.Source.SECRET).forEach(v -> expected.add(v.name())));
        assertThat(expected).contains("DB_USERNAME", "DB_PASSWORD", "JWT_ACCESS_SECRET", "AZURE_SPEECH_KEY", "AZURE_OPENAI_KEY");
        assertThat(keys(object("ai-ninja-production", "ExternalSecret", "ai-ninja-secrets"))).containsAll(expected);
        ObjectNode target = object("ai-ninja-production", "ExternalSecret", "ai-ninja-secrets");
        assertThat(target.at("/spec/target/name").asText()).isEqualTo("ai-ninja-secrets");
        assertThat(target.at("/spec/target/deletionPolicy").asText()).isEqualTo("Retain");
    }

    @Test
    void everySecretKeyAnyPodReadsIsProvidedByAnExternalSecret() {
        for (String stack : Testing.stacks().names()) {
            Set<String> provided = new HashSet<>();
            ofKind(stack, "ExternalSecret").forEach(es -> es.at("/spec/data").forEach(d ->
                    provided.add(es.at("/spec/target/name").asText() + "/" + d.path("secretKey").asText())));
            Set<String> targets = new HashSet<>();
            ofKind(stack, "ExternalSecret").forEach(es -> targets.add(es.at("/spec/target/name").asText()));
            List<String> referenced = new ArrayList<>();
            objects(stack).forEach(o -> collectSecretRefs(o, targets, referenced));
            assertThat(provided).as(stack).containsAll(referenced);
            assertThat(referenced).as(stack).isNotEmpty().anyMatch(r -> r.endsWith("/ALERT_WEBHOOK_URL"));
        }
    }

    @Test
    void noSynthesizedObjectAnywhereCarriesASecretValue() {
        for (String stack : Testing.stacks().names()) {
            for (ObjectNode o : objects(stack)) {
                if (o.path("kind").asText().equals("Secret")) {
                    assertThat(o.has("data") || o.has("stringData")).as("%s Secret %s has values", stack, o.at("/metadata/name")).isFalse();
                }
                String text = o.toString();
                assertThat(text).as("%s %s", stack, o.at("/metadata/name")).doesNotContain("-----BEGIN").doesNotContainPattern("\"(password|secret)\":\"[^\"]+\"");
            }
        }
    }

    /** Every {name, key} pair naming one of the synced Secrets: env secretKeyRefs, Alertmanager's urlSecret, ... */
    private static void collectSecretRefs(JsonNode node, Set<String> secrets, List<String> out) {
        if (node.isObject()) {
            if (node.has("name") && node.has("key") && secrets.contains(node.path("name").asText())) {
                out.add(node.path("name").asText() + "/" + node.path("key").asText());
            }
            JsonNode ref = node.get("secretKeyRef");
            if (ref != null) {
                out.add(ref.path("name").asText() + "/" + ref.path("key").asText());
            }
            node.forEach(child -> collectSecretRefs(child, secrets, out));
        } else if (node.isArray()) {
            node.forEach(child -> collectSecretRefs(child, secrets, out));
        }
    }
}
