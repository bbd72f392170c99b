package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.util.List;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** One VaultSecrets at a time, in a bare chart, for each kind of vault. */
class VaultSecretsTest {
    private static final String TENANT = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    private final Chart chart = Testing.chart();

    private void build(SecretVault vault, Map<String, List<String>> secrets) {
        new VaultSecrets(chart, "vault", VaultSecrets.Props.builder("shop", "shop-ns", vault).secrets(secrets).build());
    }

    private JsonNode remoteRef(String secret, String key) {
        for (JsonNode d : object(chart, "ExternalSecret", secret).at("/spec/data")) {
            if (d.path("secretKey").asText().equals(key)) {
                return d.path("remoteRef");
            }
        }
        throw new AssertionError("no key " + key + " in " + secret);
    }

    /**
     * Workload identity exchanges the service account's token at the tenant's token endpoint; without a
     * tenant the operator stops with "missing tenantID" (https://external-secrets.io/latest/provider/azure-key-vault/).
     */
    @Test
    void keyVaultIsReadThroughWorkloadIdentityOfTheTenantWithKebabCaseNames() {
        build(SecretVault.keyVault("https://shop-kv.vault.azure.net/", "client-1", TENANT), Map.of("shop-secrets", List.of("DB_PASSWORD")));
        ObjectNode store = object(chart, "SecretStore", "shop-vault");
        assertThat(store.at("/spec/provider/azurekv/authType").asText()).isEqualTo("WorkloadIdentity");
        assertThat(store.at("/spec/provider/azurekv/vaultUrl").asText()).isEqualTo("https://shop-kv.vault.azure.net/");
        assertThat(store.at("/spec/provider/azurekv/tenantId").asText()).isEqualTo(TENANT);
        assertThat(store.at("/spec/provider/azurekv/serviceAccountRef/name").asText()).isEqualTo("shop-vault-reader");
        ObjectNode reader = object(chart, "ServiceAccount", "shop-vault-reader");
        assertThat(reader.at("/metadata/annotations/azure.workload.identity~1client-id").asText()).isEqualTo("client-1");
        assertThat(reader.at("/metadata/annotations/azure.workload.identity~1tenant-id").asText()).isEqualTo(TENANT);
        assertThat(remoteRef("shop-secrets", "DB_PASSWORD").path("key").asText()).isEqualTo("db-password");
        assertThat(ofKind(chart, "Role")).isEmpty();
    }

    @Test
    void secretsManagerIsReadInItsRegionThroughIrsaFromOneJsonSecretPerEnvironment() {
        build(SecretVault.secretsManager("ap-south-1", "staging", "arn:aws:iam::111122223333:role/reader"),
                Map.of("shop-secrets", List.of("DB_PASSWORD")));
        ObjectNode store = object(chart, "SecretStore", "shop-vault");
        assertThat(store.at("/spec/provider/aws/service").asText()).isEqualTo("SecretsManager");
        assertThat(store.at("/spec/provider/aws/region").asText()).isEqualTo("ap-south-1");
        assertThat(object(chart, "ServiceAccount", "shop-vault-reader").at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText())
                .isEqualTo("arn:aws:iam::111122223333:role/reader");
        JsonNode ref = remoteRef("shop-secrets", "DB_PASSWORD");
        assertThat(ref.path("key").asText()).isEqualTo("shop/staging");
        assertThat(ref.path("property").asText()).isEqualTo("DB_PASSWORD");
    }

    @Test
    void theLocalSecretIsCopiedByAReaderThatMayGetThatOneSecretOnly() {
        build(SecretVault.localSecret(), Map.of("shop-secrets", List.of("DB_PASSWORD")));
        assertThat(object(chart, "SecretStore", "shop-vault").at("/spec/provider/kubernetes/remoteNamespace").asText()).isEqualTo("shop-ns");
        ObjectNode role = object(chart, "Role", "shop-vault-reader");
        assertThat(role.at("/rules/0/resourceNames").toString()).isEqualTo("[\"" + VaultSecrets.localSourceSecret("shop") + "\"]");
        assertThat(role.at("/rules/0/verbs").toString()).isEqualTo("[\"get\"]");
        assertThat(remoteRef("shop-secrets", "DB_PASSWORD").path("key").asText()).isEqualTo("shop-local-secrets");
    }

    @Test
    void eachSecretIsOneExternalSecretListingOnlyKeyNamesRefreshedHourlyAndRetained() {
        build(SecretVault.localSecret(), Map.of("shop-secrets", List.of("B_KEY", "A_KEY"), "shop-backup-secrets", List.of("GPG")));
        assertThat(ofKind(chart, "ExternalSecret")).extracting(o -> o.at("/metadata/name").asText())
                .containsExactly("shop-backup-secrets", "shop-secrets");
        ObjectNode secret = object(chart, "ExternalSecret", "shop-secrets");
        assertThat(secret.at("/spec/data/0/secretKey").asText()).isEqualTo("A_KEY");
        assertThat(secret.at("/spec/refreshInterval").asText()).isEqualTo(VaultSecrets.REFRESH);
        assertThat(secret.at("/spec/target/deletionPolicy").asText()).isEqualTo("Retain");
        assertThat(secret.toString()).doesNotContain("\"value\"");
    }

    @Test
    void byDefaultThereIsOnlyTheStore() {
        new VaultSecrets(chart, "vault", VaultSecrets.Props.builder("shop", "shop-ns", SecretVault.localSecret()).build());
        assertThat(ofKind(chart, "ExternalSecret")).isEmpty();
        assertThat(ofKind(chart, "SecretStore")).hasSize(1);
    }

    @Test
    void vaultsWithoutAnAddressAreRefusedWithTheFix() {
        build(SecretVault.keyVault("", "client", TENANT), Map.of());
        assertThat(errors(chart)).containsExactly("[test/vault] the Key Vault URL is empty; set voiceplane:vault.url to https://<name>.vault.azure.net/");
        Chart aws = Testing.chart();
        new VaultSecrets(aws, "vault", VaultSecrets.Props.builder("shop", "ns", SecretVault.secretsManager("", "prod", "arn")).build());
        assertThat(errors(aws)).containsExactly("[test/vault] Secrets Manager needs a region and an environment, got region '' and "
                + "environment 'prod'; give SecretVault.secretsManager(region, environment, roleArn) both");
    }
}
