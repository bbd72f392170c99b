package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.testing.Testing;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** A Microservice's workload identity option, one Microservice in a bare chart per case. */
class WorkloadIdentityTest {
    private static final ServiceSpec API = ServiceSpec.builder(SystemName.AI_NINJA, "demo").port(8080).build();

    private static Chart build(WorkloadIdentity identity) {
        Chart chart = Testing.chart();
        new Microservice(chart, "demo", Microservice.Props.builder(API, "shop", "registry.example/demo:1.0")
                .stackValues(Map.of(Env.PORT, "8080", Env.SERVICE_NAME, "demo"))
                .configMapName("shop-config")
                .workloadIdentity(identity)
                .build());
        return chart;
    }

    private static JsonNode accountAnnotations(Chart chart) {
        return object(chart, "ServiceAccount", "demo").at("/metadata/annotations");
    }

    private static JsonNode podLabels(Chart chart) {
        return object(chart, "Deployment", "demo").at("/spec/template/metadata/labels");
    }

    @Test
    void byDefaultTheServiceAccountAndThePodsCarryNoCloudIdentity() {
        Chart chart = Testing.chart();
        new Microservice(chart, "demo", Microservice.Props.builder(API, "shop", "registry.example/demo:1.0")
                .stackValues(Map.of(Env.PORT, "8080", Env.SERVICE_NAME, "demo")).configMapName("shop-config").build());
        assertThat(accountAnnotations(chart).isMissingNode()).isTrue();
        assertThat(podLabels(chart).has(WorkloadIdentity.AZURE_USE)).isFalse();
        assertThat(podLabels(build(WorkloadIdentity.NONE))).isEqualTo(podLabels(chart));
    }

    @Test
    void anAzureIdentityPutsTheClientIdOnTheServiceAccountAndTheWebhookLabelOnThePods() {
        Chart chart = build(WorkloadIdentity.azure("3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b"));
        assertThat(accountAnnotations(chart).path(WorkloadIdentity.AZURE_CLIENT_ID).asText()).isEqualTo("3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b");
        assertThat(podLabels(chart).path(WorkloadIdentity.AZURE_USE).asText()).isEqualTo("true");
        // The selector stays the recommended labels: a label the webhook reads must not change which pods the Deployment owns.
        assertThat(object(chart, "Deployment", "demo").at("/spec/selector/matchLabels").has(WorkloadIdentity.AZURE_USE)).isFalse();
    }

    @Test
    void anAwsRoleIsAnnotatedOnTheServiceAccountAndLabelsNoPod() {
        Chart chart = build(WorkloadIdentity.awsRole("arn:aws:iam::111122223333:role/speech"));
        assertThat(accountAnnotations(chart).path(WorkloadIdentity.AWS_ROLE_ARN).asText()).isEqualTo("arn:aws:iam::111122223333:role/speech");
        assertThat(accountAnnotations(chart).has(WorkloadIdentity.AZURE_CLIENT_ID)).isFalse();
        assertThat(podLabels(chart).has(WorkloadIdentity.AZURE_USE)).isFalse();
    }

    @Test
    void aStacksCloudPicksTheKindOfIdentityAndNoCloudIgnoresTheId() {
        WorkloadIdentity azure = WorkloadIdentity.of(Cloud.AZURE, "3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b");
        assertThat(azure.accountAnnotations()).isEqualTo(Map.of(WorkloadIdentity.AZURE_CLIENT_ID, "3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b"));
        assertThat(azure.podLabels()).isEqualTo(Map.of(WorkloadIdentity.AZURE_USE, "true"));
        WorkloadIdentity aws = WorkloadIdentity.of(Cloud.AWS, "arn:aws:iam::111122223333:role/backups");
        assertThat(aws.accountAnnotations()).isEqualTo(Map.of(WorkloadIdentity.AWS_ROLE_ARN, "arn:aws:iam::111122223333:role/backups"));
        assertThat(aws.podLabels()).isEmpty();
        assertThat(WorkloadIdentity.of(Cloud.NONE, "arn:aws:iam::111122223333:role/backups")).isSameAs(WorkloadIdentity.NONE);
    }

    @Test
    void anEmptyClientIdIsRefusedWithTheConstructPath() {
        assertThat(errors(build(WorkloadIdentity.azure(" ")))).containsExactly("[test/demo] service 'demo': empty workload identity "
                + "client id; give WorkloadIdentity.azure(...) the client id of the service's managed identity");
    }

    @Test
    void somethingOtherThanAnIamRoleArnIsRefusedQuotingIt() {
        assertThat(errors(build(WorkloadIdentity.awsRole("speech-role")))).containsExactly("[test/demo] service 'demo': 'speech-role' "
                + "is not an IAM role ARN; give WorkloadIdentity.awsRole(...) one such as arn:aws:iam::111122223333:role/name");
    }
}
