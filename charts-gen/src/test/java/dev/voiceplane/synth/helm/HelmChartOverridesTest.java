package dev.voiceplane.synth.helm;

import static dev.voiceplane.synth.helm.HelmCharts.chart;
import static dev.voiceplane.synth.helm.HelmCharts.find;
import static dev.voiceplane.synth.helm.HelmCharts.objects;
import static dev.voiceplane.synth.helm.HelmCharts.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each value reaches every field it governs, in every object that has it. */
class HelmChartOverridesTest {
    @TempDir
    static Path dir;
    static Path aiNinja;
    static Path bharatVoice;
    static Path local;

    @BeforeAll
    static void charts() {
        aiNinja = chart(dir, "ai-ninja-production");
        bharatVoice = chart(dir, "bharatvoice-production");
        local = chart(dir, "local");
    }

    private static TemplateCommand aiNinja() {
        return template(aiNinja, "voiceplane", "ai-ninja");
    }

    private static List<ObjectNode> render(TemplateCommand command) throws Exception {
        return objects(command.call());
    }

    private static List<JsonNode> pods(List<ObjectNode> objects) {
        return objects.stream().filter(o -> List.of("Deployment", "StatefulSet", "DaemonSet", "CronJob").contains(o.path("kind").asText()))
                .map(o -> o.path("kind").asText().equals("CronJob") ? o.at("/spec/jobTemplate/spec/template") : o.at("/spec/template"))
                .toList();
    }

    @Test
    void imageTagsReplicasResourcesHostsAndFeatureFlagsAreValues() throws Exception {
        String rendered = aiNinja().set("images.tag", "9.9.9").set("services.user-management.minReplicas", 5)
                .set("ingress.apiHost", "api.other.example").set("features.FEATURE_MFA_REQUIRED", false).call();
        assertThat(rendered).contains("ai-ninja/user-management:9.9.9").contains("minReplicas: 5").contains("api.other.example")
                .doesNotContain("api.ai-ninja.example.com").contains("FEATURE_MFA_REQUIRED: \"false\"");
    }

    @Test
    void serviceResourcesReachTheContainerTheMigrateInitContainerAndTheVpaBounds() throws Exception {
        List<ObjectNode> objects = render(aiNinja().set("services.user-management.resources.limits.memory", "3Gi")
                .set("services.user-management.resources.requests.cpu", "250m"));
        JsonNode pod = find(objects, "Deployment", "user-management").at("/spec/template/spec");
        assertThat(pod.at("/containers/0/resources/limits/memory").asText()).isEqualTo("3Gi");
        assertThat(pod.at("/initContainers").findValuesAsText("name")).contains("migrate");
        for (JsonNode init : pod.path("initContainers")) {
            if (init.path("name").asText().equals("migrate")) {
                assertThat(init.at("/resources/limits/memory").asText()).isEqualTo("3Gi");
                assertThat(init.at("/resources/requests/cpu").asText()).isEqualTo("250m");
            }
        }
        JsonNode policy = find(objects, "VerticalPodAutoscaler", "user-management-vpa").at("/spec/resourcePolicy/containerPolicies/0");
        assertThat(policy.at("/maxAllowed/memory").asText()).isEqualTo("3Gi");
    }

    @Test
    void hpaTargetsAreValuesOfEachServiceThatScalesOnThem() throws Exception {
        List<ObjectNode> objects = render(aiNinja().set("services.realtime-processor.targetCPUUtilizationPercentage", 55)
                .set("services.realtime-processor.targetMemoryUtilizationPercentage", 65));
        JsonNode metrics = find(objects, "HorizontalPodAutoscaler", "realtime-processor-hpa").at("/spec/metrics");
        assertThat(metrics.get(0).at("/resource/name").asText()).isEqualTo("cpu");
        assertThat(metrics.get(0).at("/resource/target/averageUtilization").asInt()).isEqualTo(55);
        assertThat(metrics.get(1).at("/resource/target/averageUtilization").asInt()).isEqualTo(65);
        assertThat(find(objects, "HorizontalPodAutoscaler", "conversation-engine-hpa").at("/spec/metrics/0/resource/target/averageUtilization")
                .asInt()).as("another service keeps its own").isEqualTo(70);
    }

    @Test
    void aWorkerWithoutAMemoryTargetHasNoMemoryValue() throws Exception {
        String values = Files.readString(bharatVoice.resolve("values.yaml"));
        String worker = values.substring(values.indexOf("  bharatvoice-worker:"));
        worker = worker.substring(0, worker.indexOf("\n  ", worker.indexOf("targetCPUUtilizationPercentage")) + 1);
        assertThat(worker).contains("targetCPUUtilizationPercentage: 75").doesNotContain("targetMemoryUtilizationPercentage");
    }

    @Test
    void replicasWorkWhereTheServiceHasNoAutoscaler() throws Exception {
        List<ObjectNode> objects = render(template(local, "voiceplane", "ai-ninja").set("services.user-management.replicas", 2));
        assertThat(find(objects, "Deployment", "user-management").at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void ingressClassIssuerAndTlsAreValues() throws Exception {
        List<ObjectNode> objects = render(aiNinja().set("ingress.className", "internal-nginx").set("ingress.clusterIssuer", "letsencrypt-staging"));
        List<ObjectNode> ingresses = objects.stream().filter(o -> o.path("kind").asText().equals("Ingress")).toList();
        assertThat(ingresses).isNotEmpty().allSatisfy(i -> assertThat(i.at("/spec/ingressClassName").asText()).isEqualTo("internal-nginx"));
        assertThat(objects.stream().filter(o -> o.path("kind").asText().equals("Certificate"))).isNotEmpty()
                .allSatisfy(c -> assertThat(c.at("/spec/issuerRef/name").asText()).isEqualTo("letsencrypt-staging"));
        List<ObjectNode> plain = render(aiNinja().set("ingress.tls", false));
        assertThat(plain.stream().filter(o -> o.path("kind").asText().equals("Certificate"))).isEmpty();
        assertThat(plain.stream().filter(o -> o.path("kind").asText().equals("Ingress"))).allSatisfy(i -> assertThat(i.at("/spec/tls").size()).isZero());
    }

    @Test
    void storageClassesAreValuesWhereverAVolumeNamesOne() throws Exception {
        List<ObjectNode> objects = render(template(bharatVoice, "voiceplane", "bharatvoice").set("storageClasses.fast-ssd", "standard-ssd"));
        String yaml = dev.voiceplane.synth.YamlWriter.write(objects);
        assertThat(yaml).doesNotContain("storageClassName: fast-ssd").contains("storageClassName: standard-ssd");
        assertThat(Files.readString(bharatVoice.resolve("values.yaml"))).contains("fast-ssd");
    }

    @Test
    void theMeshCanBeSwitchedOffAndItsSidecarSized() throws Exception {
        List<ObjectNode> offObjects = render(aiNinja().set("mesh.enabled", false));
        assertThat(render(aiNinja())).anySatisfy(o -> assertThat(o.path("kind").asText()).isEqualTo("PeerAuthentication"));
        assertThat(offObjects).noneSatisfy(o -> assertThat(o.path("kind").asText()).isIn("PeerAuthentication", "DestinationRule"));
        // Without sidecars nothing needs istiod: its policy goes with the mesh.
        assertThat(find(render(aiNinja()), "NetworkPolicy", "allow-istiod").at("/spec/egress/0/ports/0/port").asInt()).isEqualTo(15012);
        assertThat(offObjects).noneSatisfy(o -> assertThat(o.at("/metadata/name").asText()).isEqualTo("allow-istiod"));
        assertThat(offObjects).anySatisfy(o -> assertThat(o.at("/metadata/name").asText()).isEqualTo("allow-dns"));
        List<JsonNode> off = pods(offObjects);
        assertThat(off).noneSatisfy(p -> assertThat(p.at("/metadata/labels").path("sidecar.istio.io/inject").asText()).isEqualTo("true"));
        List<JsonNode> sized = pods(render(aiNinja().set("mesh.proxy.requests.cpu", "50m").set("mesh.proxy.requests.memory", "64Mi")
                .set("mesh.proxy.limits.cpu", "200m").set("mesh.proxy.limits.memory", "128Mi")));
        List<JsonNode> meshed = sized.stream().filter(p -> p.at("/metadata/labels").path("sidecar.istio.io/inject").asText().equals("true")).toList();
        assertThat(meshed).isNotEmpty().allSatisfy(p -> {
            assertThat(p.at("/metadata/annotations").path("sidecar.istio.io/proxyCPU").asText()).isEqualTo("50m");
            assertThat(p.at("/metadata/annotations").path("sidecar.istio.io/proxyMemoryLimit").asText()).isEqualTo("128Mi");
        });
        assertThat(sized.stream().filter(p -> !meshed.contains(p)))
                .allSatisfy(p -> assertThat(p.at("/metadata/annotations").has("sidecar.istio.io/proxyCPU")).isFalse());
    }

    @Test
    void networkPolicyCidrsAreValues() throws Exception {
        String yaml = dev.voiceplane.synth.YamlWriter.write(render(aiNinja().set("networkPolicy.cidrs.10\\.20\\.0\\.0/16", "10.99.0.0/16")));
        assertThat(yaml).contains("cidr: 10.99.0.0/16").contains("to 10.99.0.0/16").doesNotContain("10.20.0.0/16");
    }

    @Test
    void nodeSelectorTolerationsAffinityAndPodAnnotationsReachEveryPod() throws Exception {
        List<JsonNode> pods = pods(render(aiNinja().set("pods.nodeSelector.pool", "voice")
                .set("pods.tolerations[0].key", "dedicated").set("pods.tolerations[0].operator", "Exists")
                .set("pods.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key", "zone")
                .set("pods.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator", "Exists")
                .set("pods.annotations.team", "voice")));
        assertThat(pods).hasSizeGreaterThan(8).allSatisfy(p -> {
            assertThat(p.at("/spec/nodeSelector/pool").asText()).isEqualTo("voice");
            assertThat(p.at("/spec/tolerations/0/key").asText()).isEqualTo("dedicated");
            assertThat(p.at("/spec/affinity/nodeAffinity").isObject()).isTrue();
            assertThat(p.at("/spec/affinity/podAntiAffinity").isMissingNode()).isTrue();
            assertThat(p.at("/metadata/annotations/team").asText()).isEqualTo("voice");
        });
        List<JsonNode> defaults = pods(render(aiNinja()));
        assertThat(defaults).anySatisfy(p -> assertThat(p.at("/spec/affinity/podAntiAffinity").isObject()).isTrue());
        assertThat(defaults).anySatisfy(p -> assertThat(p.at("/metadata/annotations/prometheus.io~1scrape").asText()).isEqualTo("true"));
    }

    @Test
    void imagePullSecretsReachEveryPod() throws Exception {
        List<JsonNode> pods = pods(render(aiNinja().set("images.pullSecrets[0].name", "registry-cred")));
        assertThat(pods).isNotEmpty().allSatisfy(p -> assertThat(p.at("/spec/imagePullSecrets/0/name").asText()).isEqualTo("registry-cred"));
    }

    @Test
    void serviceAccountAnnotationsCarryTheIdentityIds() throws Exception {
        List<ObjectNode> objects = render(aiNinja()
                .set("serviceAccounts.ai-ninja-vault-reader.annotations.azure\\.workload\\.identity/client-id", "00000000-1111-2222-3333-444444444444"));
        assertThat(find(objects, "ServiceAccount", "ai-ninja-vault-reader").at("/metadata/annotations").path("azure.workload.identity/client-id").asText())
                .isEqualTo("00000000-1111-2222-3333-444444444444");
        List<ObjectNode> aws = render(template(bharatVoice, "voiceplane", "bharatvoice")
                .set("serviceAccounts.bharatvoice-app.annotations.eks\\.amazonaws\\.com/role-arn", "arn:aws:iam::1:role/app"));
        assertThat(find(aws, "ServiceAccount", "bharatvoice-app").at("/metadata/annotations").path("eks.amazonaws.com/role-arn").asText())
                .isEqualTo("arn:aws:iam::1:role/app");
    }

    @Test
    void monitoringAndSupportingWorkloadsAreSizedByValues() throws Exception {
        List<ObjectNode> objects = render(aiNinja().set("monitoring.prometheus.retention", "30d").set("monitoring.prometheus.storage", "200Gi")
                .set("monitoring.prometheus.resources.limits.memory", "8Gi").set("workloads.grafana.resources.limits.cpu", "2"));
        JsonNode prometheus = objects.stream().filter(o -> o.path("kind").asText().equals("Prometheus")).findFirst().orElseThrow().path("spec");
        assertThat(prometheus.path("retention").asText()).isEqualTo("30d");
        assertThat(prometheus.at("/storage/volumeClaimTemplate/spec/resources/requests/storage").asText()).isEqualTo("200Gi");
        assertThat(prometheus.at("/resources/limits/memory").asText()).isEqualTo("8Gi");
        assertThat(find(objects, "Deployment", "grafana").at("/spec/template/spec/containers/0/resources/limits/cpu").asText()).isEqualTo("2");
    }

    @Test
    void clusterScopedObjectsCanBeLeftToTheClusterOwner() throws Exception {
        List<ObjectNode> on = render(aiNinja());
        assertThat(on.stream().filter(o -> o.path("kind").asText().startsWith("Cluster"))).isNotEmpty();
        List<ObjectNode> off = render(aiNinja().set("clusterScoped.create", false));
        assertThat(off).isNotEmpty().allSatisfy(o -> assertThat(o.at("/metadata/namespace").asText()).isEqualTo("ai-ninja"));
    }

    @Test
    void theQuotaAndLimitRangeAreValues() throws Exception {
        List<ObjectNode> objects = render(aiNinja().set("namespace.quota.limits.cpu", "200").set("namespace.limitRange.defaults.memory", "1Gi"));
        assertThat(find(objects, "ResourceQuota", "ai-ninja-quota").at("/spec/hard").path("limits.cpu").asText()).isEqualTo("200");
        assertThat(find(objects, "LimitRange", "ai-ninja-limits").at("/spec/limits/0/default/memory").asText()).isEqualTo("1Gi");
    }
}
