package dev.voiceplane.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.stack.ResourceBudget;
import dev.voiceplane.testing.Testing;
import java.util.List;
import java.util.Map;
import org.cdk8s.Chart;
import org.cdk8s.plus33.k8s.Container;
import org.cdk8s.plus33.k8s.KubePodTemplate;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PodTemplateSpec;
import org.junit.jupiter.api.Test;

class HardenedPodTest {
    private static final Container CONTAINER = Container.builder().name("c").image("c:1").build();

    /** The template as the API sees it, through a PodTemplate object. */
    private static JsonNode render(PodTemplateSpec template) {
        Chart chart = Testing.chart();
        KubePodTemplate.Builder.create(chart, "t").metadata(ObjectMeta.builder().name("t").build()).template(template).build();
        return Testing.object(chart, "PodTemplate", "t").path("template");
    }

    @Test
    void byDefaultThePodRunsAsTheGivenUserWithItsOwnAccountNoTokenAndNoSidecar() {
        JsonNode t = render(HardenedPod.builder("store", 70, CONTAINER).labels(Map.of("app", "store")).build());
        assertThat(t.at("/metadata/labels/app").asText()).isEqualTo("store");
        assertThat(t.at("/metadata/labels").path(MeshSidecar.INJECT).asText()).isEqualTo("false");
        assertThat(t.at("/metadata").has("annotations")).isFalse();
        JsonNode spec = t.path("spec");
        assertThat(spec.path("serviceAccountName").asText()).isEqualTo("store");
        assertThat(spec.path("automountServiceAccountToken").asBoolean()).isFalse();
        assertThat(spec.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(spec.at("/securityContext/runAsUser").asInt()).isEqualTo(70);
        assertThat(spec.at("/securityContext/fsGroup").asInt()).isEqualTo(70);
        assertThat(spec.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(spec.has("restartPolicy")).isFalse();
        assertThat(spec.has("terminationGracePeriodSeconds")).isFalse();
        assertThat(spec.at("/containers/0/name").asText()).isEqualTo("c");
    }

    @Test
    void everyOptionReachesThePod() {
        JsonNode t = render(HardenedPod.builder("job", 10001, CONTAINER).annotations(Map.of("why", "because"))
                .apiAccess(true).restartPolicy("Never").terminationGracePeriodSeconds(90)
                .volumes(List.of(HardenedPod.memoryScratch("tmp"))).build());
        assertThat(t.at("/metadata/annotations/why").asText()).isEqualTo("because");
        assertThat(t.at("/spec/automountServiceAccountToken").asBoolean()).isTrue();
        assertThat(t.at("/spec/restartPolicy").asText()).isEqualTo("Never");
        assertThat(t.at("/spec/terminationGracePeriodSeconds").asInt()).isEqualTo(90);
        assertThat(t.at("/spec/volumes/0/emptyDir/medium").asText()).isEqualTo("Memory");
        assertThat(t.at("/spec/volumes/0/emptyDir/sizeLimit").asText()).isEqualTo("64Mi");
    }

    @Test
    void runningAsRootKeepsTheSeccompProfile() {
        JsonNode spec = render(HardenedPod.builder("shipper", 10001, CONTAINER).runAsRoot(true).build()).path("spec");
        assertThat(spec.at("/securityContext/runAsUser").asInt()).isZero();
        assertThat(spec.at("/securityContext/runAsNonRoot").asBoolean()).isFalse();
        assertThat(spec.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    }

    @Test
    void resourcesAreRequestedAndLimited() {
        Container sized = Container.builder().name("c").image("c:1")
                .resources(HardenedPod.resources(new ResourceBudget("50m", "64Mi", "100m", "128Mi"))).build();
        JsonNode r = render(HardenedPod.builder("s", 1000, sized).build()).at("/spec/containers/0/resources");
        assertThat(r.at("/requests/cpu").asText()).isEqualTo("50m");
        assertThat(r.at("/requests/memory").asText()).isEqualTo("64Mi");
        assertThat(r.at("/limits/cpu").asText()).isEqualTo("100m");
        assertThat(r.at("/limits/memory").asText()).isEqualTo("128Mi");
    }
}
