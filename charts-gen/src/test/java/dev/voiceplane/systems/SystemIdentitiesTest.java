package dev.voiceplane.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.charts.WorkloadIdentity;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Synthesizer;
import dev.voiceplane.testing.Testing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The services' own cloud identities (deploy-time values from infra, {@code serviceIdentities}): each system
 * gives them to exactly the named services, as its cloud's kind of identity.
 */
class SystemIdentitiesTest {
    private static final String SPEECH = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/speech";

    private static List<ObjectNode> synth(String stack, Map<String, String> identities, String speechResourceId) {
        StackConfig s = Testing.stack(stack + Testing.DEPLOYED);
        StackConfig deployed = s.withDeployTimeValues(s.cloudIdentities().withAiIdentities(identities, speechResourceId), s.images().registry());
        return Synthesizer.synth(deployed).stream().flatMap(m -> m.objects().stream()).toList();
    }

    private static JsonNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name));
    }

    @Test
    void aiNinjaGivesTheNamedServiceAnAzureWorkloadIdentityAndNoOtherService() {
        List<ObjectNode> objects = synth("ai-ninja-staging", Map.of("realtime-processor", Testing.DEPLOYED_CLIENT_ID), SPEECH);
        assertThat(find(objects, "ServiceAccount", "realtime-processor").at("/metadata/annotations").path(WorkloadIdentity.AZURE_CLIENT_ID)
                .asText()).isEqualTo(Testing.DEPLOYED_CLIENT_ID);
        assertThat(find(objects, "Deployment", "realtime-processor").at("/spec/template/metadata/labels").path(WorkloadIdentity.AZURE_USE)
                .asText()).isEqualTo("true");
        assertThat(find(objects, "Deployment", "conversation-engine").at("/spec/template/metadata/labels").has(WorkloadIdentity.AZURE_USE))
                .isFalse();
        assertThat(find(objects, "ServiceAccount", "conversation-engine").at("/metadata/annotations").has(WorkloadIdentity.AZURE_CLIENT_ID))
                .isFalse();
        assertThat(find(objects, "Deployment", "realtime-processor").at("/spec/template/spec/containers/0/env").toString())
                .contains("{\"name\":\"" + Env.AZURE_SPEECH_RESOURCE_ID + "\",\"value\":\"" + SPEECH + "\"}");
    }

    @Test
    void bharatVoiceGivesTheWorkerItsIamRoleAndLabelsNoPod() {
        String role = "arn:aws:iam::" + Testing.DEPLOYED_ACCOUNT + ":role/bharatvoice-staging-speech";
        List<ObjectNode> objects = synth("bharatvoice-staging", Map.of("bharatvoice-worker", role), "");
        assertThat(find(objects, "ServiceAccount", "bharatvoice-worker").at("/metadata/annotations").path(WorkloadIdentity.AWS_ROLE_ARN)
                .asText()).isEqualTo(role);
        assertThat(find(objects, "ServiceAccount", "bharatvoice-app").at("/metadata/annotations").has(WorkloadIdentity.AWS_ROLE_ARN)).isFalse();
        assertThat(find(objects, "Deployment", "bharatvoice-worker").at("/spec/template/metadata/labels").has(WorkloadIdentity.AZURE_USE))
                .isFalse();
    }

    @Test
    void withoutDeployTimeIdentitiesNoServiceRunsAsOne() {
        List<ObjectNode> objects = synth("ai-ninja-staging", Map.of(), "");
        assertThat(objects).noneMatch(o -> o.toString().contains(WorkloadIdentity.AZURE_USE));
        assertThat(objects.toString()).doesNotContain(Env.AZURE_SPEECH_RESOURCE_ID);
    }

    @Test
    void anIdentityForAServiceTheSystemDoesNotHaveIsRefusedNamingIt() {
        assertThatThrownBy(() -> synth("ai-ninja-staging", Map.of("no-such-service", Testing.DEPLOYED_CLIENT_ID), ""))
                .hasMessageContaining("no service [no-such-service] in ai-ninja to give a workload identity to")
                .hasMessageContaining("realtime-processor");
    }
}
