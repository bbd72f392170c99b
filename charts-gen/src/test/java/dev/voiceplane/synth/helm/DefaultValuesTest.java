package dev.voiceplane.synth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.Component;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.testing.Testing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The defaults are read from whatever objects the constructs write, not from today's exact YAML. */
class DefaultValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StackConfig STACK = Testing.stack("ai-ninja-production");

    private static ObjectNode meshedDeployment(String name, String proxyCpu) throws Exception {
        return (ObjectNode) JSON.readTree(("""
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "%s", "namespace": "ai-ninja"},
                 "spec": {"template": {"metadata": {"labels": {"sidecar.istio.io/inject": "true"}, "annotations": {
                   "sidecar.istio.io/proxyCPU": "%s", "sidecar.istio.io/proxyMemory": "128Mi",
                   "sidecar.istio.io/proxyCPULimit": "500m", "sidecar.istio.io/proxyMemoryLimit": "256Mi"}},
                  "spec": {"containers": [{"name": "%s", "image": "x:1"}]}}}}
                """).formatted(name, proxyCpu, name));
    }

    private static ChartValues values(ObjectNode... objects) {
        return DefaultValues.of(STACK, new ChartObjects("ai-ninja", List.of(new Manifest(Component.SERVICES, List.of(objects)))));
    }

    @Test
    void oneSidecarSizeForEveryMeshedPodBecomesTheMeshDefault() throws Exception {
        ChartValues values = values(meshedDeployment("a", "100m"), meshedDeployment("b", "100m"));
        assertThat(values.mesh().enabled()).isTrue();
        assertThat(values.mesh().proxy().requests().cpu()).isEqualTo("100m");
        assertThat(values.mesh().proxy().limits().memory()).isEqualTo("256Mi");
    }

    @Test
    void podsSizedApieceKeepTheirOwnSidecarAnnotations() throws Exception {
        assertThat(values(meshedDeployment("a", "100m"), meshedDeployment("b", "300m")).mesh().proxy()).isNull();
    }

    @Test
    void aQuotaThatCapsOnlySomeResourcesGivesOnlyThoseValues() throws Exception {
        ObjectNode quota = (ObjectNode) JSON.readTree("""
                {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "q", "namespace": "ai-ninja"},
                 "spec": {"hard": {"requests.cpu": "8", "limits.cpu": "16"}}}
                """);
        ChartValues.Capacity capacity = values(quota).namespace().quota();
        assertThat(capacity.requests().cpu()).isEqualTo("8");
        assertThat(capacity.requests().memory()).isNull();
        assertThat(ValuesSchema.of(ChartValues.class, values(quota), java.util.Map.of())
                .at("/properties/namespace/properties/quota/properties/requests/properties").has("memory")).isFalse();
    }

    @Test
    void objectsOutsideTheNamespaceThatAreNotRbacBelongToAnotherOwner() throws Exception {
        ObjectNode controllerConfig = (ObjectNode) JSON.readTree("""
                {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "ingress-nginx-controller", "namespace": "ingress-nginx"}}
                """);
        ObjectNode storageClass = (ObjectNode) JSON.readTree("""
                {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": "fast-ssd"}}
                """);
        ObjectNode role = (ObjectNode) JSON.readTree("""
                {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "r", "namespace": "kube-system"}}
                """);
        ChartObjects objects = new ChartObjects("ai-ninja", List.of(new Manifest(Component.SERVICES, List.of(controllerConfig, storageClass, role))));
        assertThat(objects.all()).containsExactly(role);
        assertThat(objects.namesInStack("StorageClass")).containsExactly("fast-ssd");
    }
}
