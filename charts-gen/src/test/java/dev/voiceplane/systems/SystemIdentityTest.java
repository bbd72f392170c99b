package dev.voiceplane.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.stack.DeployTimeValues;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Synthesizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * ai-ninja binds the AI callers' workload identities (deploy-time values from infra) to exactly their pods, and
 * gives the speech caller its resource id: the system's rule, on the staging stack as infra deploys it. How one
 * binding looks is WorkloadIdentityBindingTest's.
 */
class SystemIdentityTest {
    static final String SPEECH = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/speech";

    static StackConfig deployed(Map<String, String> identities, String speechId) {
        StackConfig stack = DeployTimeValues.withStandIns(new StackFiles(Path.of("..", "stacks")).load("ai-ninja-staging"));
        return stack.withDeployTimeValues(stack.cloudIdentities().withAiIdentities(identities, speechId), stack.images().registry());
    }

    static List<ObjectNode> objects(StackConfig stack) {
        return Synthesizer.synth(stack).stream().flatMap(m -> m.objects().stream()).toList();
    }

    static Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name)).findFirst();
    }

    @Test
    void theServiceAccountCarriesTheClientIdAndOnlyThatServicesPodsTheWebhookLabel() {
        List<ObjectNode> objects = objects(deployed(Map.of("realtime-processor", "cid-realtime"), SPEECH));
        assertThat(find(objects, "ServiceAccount", "realtime-processor").orElseThrow()
                .at("/metadata/annotations/azure.workload.identity~1client-id").asText()).isEqualTo("cid-realtime");
        assertThat(find(objects, "Deployment", "realtime-processor").orElseThrow()
                .at("/spec/template/metadata/labels/azure.workload.identity~1use").asText()).isEqualTo("true");
        assertThat(find(objects, "Deployment", "conversation-engine").orElseThrow()
                .at("/spec/template/metadata/labels/azure.workload.identity~1use").isMissingNode()).isTrue();
        assertThat(find(objects, "ServiceAccount", "conversation-engine").orElseThrow()
                .at("/metadata/annotations/azure.workload.identity~1client-id").isMissingNode()).isTrue();
        assertThat(find(objects, "Deployment", "realtime-processor").orElseThrow().at("/spec/template/spec/containers/0/env").toString())
                .contains("{\"name\":\"" + Env.AZURE_SPEECH_RESOURCE_ID + "\",\"value\":\"" + SPEECH + "\"}");
    }

    @Test
    void withoutDeployTimeIdentitiesNothingIsBound() {
        List<ObjectNode> objects = objects(deployed(Map.of(), ""));
        assertThat(objects).noneMatch(o -> o.toString().contains("azure.workload.identity/use"));
        assertThat(objects.toString()).doesNotContain(Env.AZURE_SPEECH_RESOURCE_ID);
    }

    @Test
    void anUnknownServiceOrAnEmptyClientIdIsRefused() {
        assertThatThrownBy(() -> objects(deployed(Map.of("no-such-service", "cid"), ""))).hasMessageContaining("no-such-service");
        assertThatThrownBy(() -> objects(deployed(Map.of("realtime-processor", " "), ""))).hasMessageContaining("empty workload identity client id");
    }
}
