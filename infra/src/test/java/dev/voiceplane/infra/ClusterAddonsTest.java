package dev.voiceplane.infra;

import static dev.voiceplane.infra.InfraRun.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.charts.IngressControllerSettings;
import dev.voiceplane.infra.kube.AddonChart;
import dev.voiceplane.infra.kube.ApiGroups;
import dev.voiceplane.infra.plan.Plan;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.Synthesizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The add-ons every stack's chart needs, installed first, pinned once; and what flows into the releases. */
class ClusterAddonsTest {
    static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    /** Values the stack files carried before infra supplied them, and the plan's own stand-ins. */
    static final List<String> PLACEHOLDERS = List.of("123456789012", "3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b",
            "7a2b4c6d-8e0f-4a1b-9c3d-5e7f9a1b3c5d", "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", "fs-0a1b2c3d4e5f60718",
            "fs-0f1e2d3c4b5a69788", Plan.SECRET_STAND_IN);

    static List<String> stacks() {
        return InfraRun.ALL;
    }

    static List<Manifest> appManifests(String stack) {
        return Synthesizer.synth(new StackFiles(InfraRun.STACKS).load(stack)).stream().filter(m -> m.component().inAppChart()).toList();
    }

    static Plan.Node addon(InfraRun run, String stack, AddonChart chart) {
        return run.named(RELEASE, stack + "-addons-" + chart.release());
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyCustomResourceGroupOfTheChartIsInstalledByAnAddonTheAppReleaseWaitsFor(String stack) {
        InfraRun run = InfraRun.of(stack);
        assertThat(run.errors()).isEmpty();
        Set<String> groups = ApiGroups.custom(appManifests(stack));
        assertThat(groups).contains("monitoring.coreos.com", "external-secrets.io");
        if (!stack.equals("local")) {
            assertThat(groups).contains("autoscaling.k8s.io", "cert-manager.io");
        }
        Plan.Node app = run.named(RELEASE, stack + "-charts");
        for (String group : groups) {
            AddonChart chart = AddonChart.all().stream().filter(a -> a.apiGroups().contains(group)).findFirst()
                    .orElseThrow(() -> new AssertionError("no add-on installs API group " + group));
            assertThat(app.dependsOn()).as("%s: the app release waits for %s (serves %s)", stack, chart.release(), group)
                    .contains(addon(run, stack, chart).id());
        }
        // The app waits for the cluster objects and for the ingress controller whose webhook checks its Ingresses.
        Plan.Node cluster = run.named(RELEASE, stack + "-addons-voiceplane-cluster");
        assertThat(app.dependsOn()).contains(cluster.id(), addon(run, stack, AddonChart.INGRESS_NGINX).id());
        String certManager = addon(run, stack, AddonChart.CERT_MANAGER).id();
        if (stack.equals("local")) {
            // No TLS, no issuers; one replica of everything, no autoscalers, and the stack says no custom metrics server.
            assertThat(cluster.dependsOn()).doesNotContain(certManager);
            assertThat(names(run)).doesNotContain(AddonChart.PROMETHEUS_ADAPTER.release());
        } else {
            // ClusterIssuers need cert-manager's CRDs; the HPAs' request-rate and call metrics come from the adapter.
            assertThat(cluster.dependsOn()).contains(certManager);
            assertThat(app.dependsOn()).contains(addon(run, stack, AddonChart.PROMETHEUS_ADAPTER).id());
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void noReleaseInputOrChartHoldsAPlaceholder(String stack) throws IOException {
        InfraRun run = InfraRun.of(stack);
        List<Plan.Node> releases = run.ofType(RELEASE);
        assertThat(releases).hasSizeGreaterThan(6);
        String inputs = releases.stream().map(r -> r.inputs().toString()).reduce("", String::concat);
        String charts = chartText(run.charts);
        assertThat(charts).contains("kind: Deployment");
        for (String placeholder : PLACEHOLDERS) {
            assertThat(inputs).as("release inputs of %s", stack).doesNotContain(placeholder);
            assertThat(charts).as("charts written for %s", stack).doesNotContain(placeholder);
        }
    }

    @Test
    void theIdentitiesFileSystemAndRegistryTheCloudCreatedFlowIntoTheChartsInTheSameRun() throws IOException {
        InfraRun aws = InfraRun.of("bharatvoice-production");
        String charts = chartText(aws.charts);
        // The identities are values of the chart's ServiceAccounts, the registry that of its images.
        assertThat(charts).contains("\"eks.amazonaws.com/role-arn\": \"" + aws.output("vaultIdentity") + "\"")
                .contains("\"eks.amazonaws.com/role-arn\": \"" + aws.output("backupIdentity") + "\"")
                .contains("fileSystemId: " + aws.output("efsFileSystemId"))
                .contains("registry: " + aws.output("registry") + "\n");
        InfraRun azure = InfraRun.of("ai-ninja-production");
        // The client id and the tenant (the mock's getClientConfig) the External Secrets store exchanges its token in.
        assertThat(chartText(azure.charts)).containsPattern("\"?azure.workload.identity/client-id\"?: \"?" + azure.output("vaultIdentity"))
                .contains("00000000-0000-0000-0000-000000000002");
    }

    @Test
    void theAppReleaseRendersIntoTheStacksNamespaceAlthoughItsRecordLivesInDefault() {
        var app = InfraRun.of("bharatvoice-production").named(RELEASE, "bharatvoice-production-charts");
        assertThat(app.inputs().get("namespace")).isEqualTo("default");
        assertThat(at(app.inputs(), "values.namespace.create")).isEqualTo(true);
        assertThat(at(app.inputs(), "values.namespace.name")).isEqualTo("bharatvoice");
    }

    @Test
    void aStackDeclaringAnotherPolicyEnforcerThanTheCloudRunsIsRefusedByKey(@org.junit.jupiter.api.io.TempDir Path stacks) throws IOException {
        String text = Files.readString(InfraRun.STACKS.resolve("Pulumi.bharatvoice-staging.yaml"));
        assertThat(text).contains("networkPolicies: vpc-cni");
        Files.writeString(stacks.resolve("Pulumi.bharatvoice-staging.yaml"), text.replace("networkPolicies: vpc-cni", "networkPolicies: calico"));
        assertThat(String.join("\n", InfraRun.run(stacks, "bharatvoice-staging").errors()))
                .contains("voiceplane:cluster.networkPolicies: must be vpc-cni on aws");
    }

    @Test
    void everyRepositoryChartIsPinnedToItsOneVersion() {
        for (String stack : stacks()) {
            List<Plan.Node> fromRepositories = InfraRun.of(stack).ofType(RELEASE).stream()
                    .filter(r -> r.inputs().get("repositoryOpts") != null).toList();
            assertThat(fromRepositories).hasSizeGreaterThanOrEqualTo(5).allSatisfy(r -> {
                AddonChart chart = AddonChart.all().stream().filter(a -> a.release().equals(r.inputs().get("name"))).findFirst().orElseThrow();
                assertThat(r.inputs().get("version")).isEqualTo(chart.version());
                assertThat(at(r.inputs(), "repositoryOpts.repo")).isEqualTo(chart.repository());
            });
        }
        assertThat(AddonChart.all()).allSatisfy(a -> assertThat(a.version()).matches("v?\\d+\\.\\d+\\.\\d+"));
    }

    @Test
    void theIngressControllerTakesItsSettingsFromChartsGenAndKeepsClientAddresses() {
        Map<String, Object> values = addon(InfraRun.of("bharatvoice-production"), "bharatvoice-production", AddonChart.INGRESS_NGINX).inputs();
        assertThat(at(values, "values.controller.config")).isEqualTo(IngressControllerSettings.config());
        assertThat(at(values, "values.controller.service.externalTrafficPolicy")).isEqualTo("Local");
        assertThat(at(values, "values.controller.service.annotations")).asString().contains("nlb");
        assertThat(at(values, "values.controller.podLabels")).as("no mesh on BharatVoice").isNull();
    }

    @Test
    void aMeshedStacksIngressControllerJoinsTheMeshAfterIstioIsUp() {
        InfraRun run = InfraRun.of("ai-ninja-production");
        Map<String, Object> values = addon(run, "ai-ninja-production", AddonChart.INGRESS_NGINX).inputs();
        assertThat(at(values, "values.controller.podLabels")).isEqualTo(Map.of("sidecar.istio.io/inject", "true"));
        assertThat(at(values, "values.controller.podAnnotations")).isEqualTo(Map.of(IngressControllerSettings.INCLUDE_INBOUND_PORTS, ""));
        assertThat(addon(run, "ai-ninja-production", AddonChart.INGRESS_NGINX).dependsOn())
                .contains(addon(run, "ai-ninja-production", AddonChart.ISTIOD).id(), addon(run, "ai-ninja-production", AddonChart.ISTIO_CNI).id());
    }

    @Test
    void prometheusAdapterServesTheHpaRulesFromTheSystemsPrometheus() {
        Map<String, Object> values = addon(InfraRun.of("ai-ninja-production"), "ai-ninja-production", AddonChart.PROMETHEUS_ADAPTER).inputs();
        // The Service charts-gen synthesizes for the system's Prometheus, by its cluster DNS name, on its port.
        String url = (String) at(values, "values.prometheus.url");
        assertThat(Synthesizer.synth(new StackFiles(InfraRun.STACKS).load("ai-ninja-production")).stream().flatMap(m -> m.objects().stream())
                .filter(o -> o.path("kind").asText().equals("Service"))
                .filter(o -> url.equals("http://" + dev.voiceplane.catalog.Names.serviceHost(o.at("/metadata/name").asText(), o.at("/metadata/namespace").asText()))))
                .singleElement().satisfies(s -> assertThat(s.at("/spec/ports/0/port").asDouble()).isEqualTo(((Number) at(values, "values.prometheus.port")).doubleValue()));
        assertThat(at(values, "values.rules.default")).isEqualTo(false);
        assertThat((List<?>) at(values, "values.rules.custom")).isNotEmpty()
                .anySatisfy(r -> assertThat(r.toString()).contains("http_server_requests_seconds_count"));
    }

    @Test
    void theMeshMetricsServerAndNodeAutoscalerGoWhereTheyAreNeeded() {
        assertThat(names(InfraRun.of("ai-ninja-production"))).contains("istio-base", "istiod", "istio-cni")
                .doesNotContain("metrics-server", "cluster-autoscaler");
        // EKS has neither metrics-server nor a node autoscaler of its own.
        assertThat(names(InfraRun.of("bharatvoice-staging"))).contains("metrics-server", "cluster-autoscaler").doesNotContain("istiod");
        assertThat(names(InfraRun.of("local"))).doesNotContain("istiod", "cluster-autoscaler");
        // istiod and the CNI agent after the CRDs of istio-base.
        InfraRun mesh = InfraRun.of("ai-ninja-staging");
        assertThat(addon(mesh, "ai-ninja-staging", AddonChart.ISTIOD).dependsOn()).contains(addon(mesh, "ai-ninja-staging", AddonChart.ISTIO_BASE).id());
    }

    @Test
    void onEksEveryAddonWaitsForTheWorkersAndTheCsiDrivers() {
        InfraRun run = InfraRun.of("bharatvoice-production");
        assertThat(run.ofType(RELEASE).stream().filter(r -> r.name().startsWith("bharatvoice-production-addons-")))
                .isNotEmpty().allSatisfy(r -> assertThat(r.dependsOn()).contains(
                        "aws:eks/nodeGroup:NodeGroup::bharatvoice-production-workers", "aws:eks/addon:Addon::bharatvoice-production-ebs-csi"));
    }

    static List<Object> names(InfraRun run) {
        return run.ofType(RELEASE).stream().map(r -> r.inputs().get("name")).toList();
    }

    static String chartText(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                all.append(Files.readString(f)).append('\n');
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
