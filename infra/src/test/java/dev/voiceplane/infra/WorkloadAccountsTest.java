package dev.voiceplane.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.WorkloadIdentity;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.synth.Manifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The account an identity trusts is the one charts-gen annotated with it, found by WorkloadIdentity's own annotations. */
class WorkloadAccountsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "7a2b4c6d-8e0f-4a1b-9c3d-5e7f9a1b3c5d";
    private static final String ROLE = "arn:aws:iam::111122223333:role/backups";

    private static ObjectNode account(String name, Map<String, String> annotations) {
        ObjectNode sa = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ServiceAccount");
        ObjectNode meta = sa.putObject("metadata").put("name", name).put("namespace", "shop");
        annotations.forEach(meta.putObject("annotations")::put);
        return sa;
    }

    private static List<Manifest> manifests(ObjectNode... objects) {
        return List.of(new Manifest(Component.CONFIG_SECURITY, List.of(objects)));
    }

    @Test
    void theSubjectIsTheAccountAnnotatedWithTheIdentityAsChartsGenWritesIt() {
        List<Manifest> m = manifests(account("other", WorkloadIdentity.azure("another-client").accountAnnotations()),
                account("shop-vault-reader", Map.of(WorkloadIdentity.AZURE_CLIENT_ID, CLIENT, WorkloadIdentity.AZURE_TENANT_ID, "t")));
        assertThat(WorkloadAccounts.subject(m, Cloud.AZURE, CLIENT, "fallback")).isEqualTo("system:serviceaccount:shop:shop-vault-reader");
    }

    @Test
    void anAwsRoleIsLookedForUnderItsOwnAnnotationNotAzures() {
        List<Manifest> m = manifests(account("azure-like", Map.of(WorkloadIdentity.AZURE_CLIENT_ID, ROLE)),
                account("shop-backup", WorkloadIdentity.awsRole(ROLE).accountAnnotations()));
        assertThat(WorkloadAccounts.subject(m, Cloud.AWS, ROLE, "fallback")).isEqualTo("system:serviceaccount:shop:shop-backup");
        assertThat(WorkloadAccounts.subject(m, Cloud.AZURE, ROLE, "fallback")).isEqualTo("system:serviceaccount:shop:azure-like");
    }

    @Test
    void anEmptyOrUnusedIdentityFallsBack() {
        List<Manifest> m = manifests(account("blank", Map.of(WorkloadIdentity.AZURE_CLIENT_ID, "")));
        assertThat(WorkloadAccounts.subject(m, Cloud.AZURE, "", "fallback")).isEqualTo("fallback");
        assertThat(WorkloadAccounts.subject(m, Cloud.AZURE, CLIENT, "fallback")).isEqualTo("fallback");
        assertThat(WorkloadAccounts.subject(m, Cloud.NONE, CLIENT, "fallback")).isEqualTo("fallback");
    }

    @Test
    void aNamedAccountMustExist() {
        List<Manifest> m = manifests(account("shop-backup", Map.of()));
        assertThat(WorkloadAccounts.named(m, "shop", "shop-backup")).isEqualTo("system:serviceaccount:shop:shop-backup");
        assertThatThrownBy(() -> WorkloadAccounts.named(m, "shop", "gone")).hasMessageContaining("no ServiceAccount shop/gone");
    }
}
