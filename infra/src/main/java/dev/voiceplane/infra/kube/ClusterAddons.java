package dev.voiceplane.infra.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.IngressControllerSettings;
import dev.voiceplane.charts.ScalingTargets;
import dev.voiceplane.charts.WorkloadIdentity;
import dev.voiceplane.charts.monitoring.PrometheusServer;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.YamlWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cluster add-ons a system's chart needs, as pinned Helm releases on the stack's cluster
 * ({@link AddonChart} holds every version), and then the cluster-wide objects of the stack
 * (StorageClasses, ClusterIssuers: {@link Component#CLUSTER}) as a release of their own once the
 * add-ons serving their kinds are in.
 *
 * <p>A fresh cluster refuses the app chart's ServiceMonitors, ExternalSecrets, Certificates and VPAs
 * ("no matches for kind") until the operators' CRDs exist, and the admission webhooks of ingress-nginx,
 * cert-manager and External Secrets reject objects while their pods are not up. So the app release
 * waits for {@link #releasesFor}: the add-ons serving the API groups its objects use (computed from
 * their apiVersion, not listed by hand), the ingress controller when it has Ingresses, the metrics
 * APIs when it has autoscalers, istiod and the CNI agent with the mesh, and the cluster objects.
 */
public final class ClusterAddons extends ComponentResource {
    /** The release of the cluster-wide objects; one per cluster. */
    public static final String CLUSTER_RELEASE = "voiceplane-cluster";
    /** The controller's Service: the chart names it {@code <release>-controller}. */
    static final String INGRESS_SERVICE = "ingress-nginx-controller";
    private static final ObjectMapper YAML = new YAMLMapper();

    private final Map<AddonChart, Release> releases = new LinkedHashMap<>();
    private final Release clusterObjects;
    private final Output<String> clusterChartVersion;

    /**
     * What differs between clouds.
     *
     * @param metricsServer             install metrics-server (EKS has none; AKS and k3s/kind with it run their own)
     * @param ingressServiceAnnotations annotations of the controller's LoadBalancer Service (cloud load balancer settings)
     * @param clusterAutoscaler         on EKS: the cluster name, region and IRSA role ARN of the cluster autoscaler
     * @param after                     what every add-on waits for (node groups, CSI drivers, the network grant for load balancers)
     */
    public record Settings(boolean metricsServer, Map<String, String> ingressServiceAnnotations,
                           Optional<Autoscaler> clusterAutoscaler, List<Resource> after) {
        public Settings {
            ingressServiceAnnotations = Map.copyOf(ingressServiceAnnotations);
            after = List.copyOf(after);
        }

        /** A cluster that brings its own metrics-server and node autoscaling (AKS, a laptop cluster). */
        public static Settings plain(List<Resource> after) {
            return new Settings(false, Map.of(), Optional.empty(), after);
        }
    }

    /** The cluster autoscaler's view of an EKS cluster. */
    public record Autoscaler(Output<String> clusterName, String region, Output<String> roleArn) {
    }

    /**
     * @param stack          the stack (mesh on or off, namespace of its Prometheus)
     * @param clusterGroups  the custom API groups of the stack's {@link Component#CLUSTER} objects (known before deploy time)
     * @param clusterObjects the stack's {@link Component#CLUSTER} objects, with deploy-time values filled in
     * @param chartDirectory where the cluster objects' chart is written
     */
    public ClusterAddons(String name, StackConfig stack, Settings settings, Set<String> clusterGroups,
                         Output<List<ObjectNode>> clusterObjects, Path chartDirectory, Provider provider,
                         ComponentResourceOptions options) {
        super("voiceplane:kube:ClusterAddons", name, options);
        List<Resource> after = settings.after();
        List<Resource> ingressAfter = after;
        if (stack.istio()) {
            var base = install(name, AddonChart.ISTIO_BASE, Output.of(Map.of()), provider, after);
            var cni = install(name, AddonChart.ISTIO_CNI, Output.of(Map.of()), provider, plus(after, base));
            // Pods get their traffic redirected by the CNI agent, so no NET_ADMIN init container.
            var istiod = install(name, AddonChart.ISTIOD, Output.of(Map.of("pilot", Map.of("cni", Map.of("enabled", true)))), provider, plus(after, base));
            // A meshed controller (STRICT mTLS, IngressControllerSettings.helmValues) gets its sidecar only if the
            // injector and the CNI agent are up when its pods are created.
            ingressAfter = plus(plus(after, istiod), cni);
        }
        Map<String, Object> ingress = merge(IngressControllerSettings.helmValues(stack.istio()), Map.of("controller", Map.of(
                "service", Map.of("annotations", settings.ingressServiceAnnotations()),
                "metrics", Map.of("enabled", true))));
        install(name, AddonChart.INGRESS_NGINX, Output.of(ingress), provider, ingressAfter);
        // crds.keep: uninstalling cert-manager must not delete every Certificate with its CRD.
        install(name, AddonChart.CERT_MANAGER, Output.of(Map.of("crds", Map.of("enabled", true, "keep", true))), provider, after);
        // The system runs its own Prometheus, Alertmanager and Grafana (charts-gen); the stack brings the
        // operator that runs them, the CRDs, and the cluster-level exporters they scrape.
        var prometheus = install(name, AddonChart.KUBE_PROMETHEUS_STACK, Output.of(Map.of(
                "crds", Map.of("enabled", true),
                "prometheusOperator", Map.of("enabled", true),
                "kubeStateMetrics", Map.of("enabled", true),
                "nodeExporter", Map.of("enabled", true),
                "prometheus", Map.of("enabled", false),
                "alertmanager", Map.of("enabled", false),
                "grafana", Map.of("enabled", false))), provider, after);
        // The HPAs' Pods metrics, where the stack says prometheus-adapter serves them (voiceplane:cluster.customMetrics).
        if (stack.clusterFeatures().customMetrics().equals(dev.voiceplane.stack.ClusterFeatures.PROMETHEUS_ADAPTER)) {
            install(name, AddonChart.PROMETHEUS_ADAPTER, Output.of(adapterValues(stack)), provider, plus(after, prometheus));
        }
        install(name, AddonChart.EXTERNAL_SECRETS, Output.of(Map.of("installCRDs", true)), provider, after);
        // Recommendations only: the charts' VPAs are updateMode Off, so no updater or admission webhook. The
        // recommender has no switch in this chart (values.yaml at vertical-pod-autoscaler-11.1.1): it always runs.
        install(name, AddonChart.VPA, Output.of(Map.of("crds", Map.of("enabled", true),
                "updater", Map.of("enabled", false), "admissionController", Map.of("enabled", false))), provider, after);
        if (settings.metricsServer()) {
            install(name, AddonChart.METRICS_SERVER, Output.of(Map.of()), provider, after);
        }
        settings.clusterAutoscaler().ifPresent(a -> install(name, AddonChart.CLUSTER_AUTOSCALER,
                Output.tuple(a.clusterName(), a.roleArn()).applyValue(t -> Map.<String, Object>of(
                        "autoDiscovery", Map.of("clusterName", t.t1),
                        "awsRegion", a.region(),
                        "rbac", Map.of("serviceAccount", Map.of("name", "cluster-autoscaler",
                                "annotations", Map.of(WorkloadIdentity.AWS_ROLE_ARN, t.t2))))), provider, after));

        // The cluster-wide objects, after the add-ons serving their kinds (cert-manager for ClusterIssuers).
        this.clusterChartVersion = clusterObjects.applyValue(objects -> LocalChart.write(chartDirectory, clusterChart(stack, objects)));
        List<Resource> clusterAfter = new ArrayList<>(after);
        clusterAfter.addAll(serving(clusterGroups));
        this.clusterObjects = new Release(name + "-" + CLUSTER_RELEASE, ReleaseArgs.builder()
                .name(CLUSTER_RELEASE).namespace("default").chart(chartDirectory.toAbsolutePath().toString())
                .version(clusterChartVersion).atomic(true).forceUpdate(false).timeout(300)
                .build(), CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(clusterAfter).build());
        registerOutputs(Map.of("clusterChartVersion", clusterChartVersion));
    }

    /** A load balancer's public address as its Service reports it: an IP (Azure) or a host name (AWS). */
    public record LoadBalancerAddress(String ip, String hostname) {
        /** The IP ({@code ip} true) or the host name; fails naming the Service when the cloud gave none. */
        public String required(boolean ip) {
            String v = ip ? this.ip : hostname;
            if (v == null || v.isEmpty()) {
                throw new IllegalStateException(AddonChart.INGRESS_NGINX.namespace() + "/" + INGRESS_SERVICE + " has no load balancer "
                        + (ip ? "IP" : "host name") + " yet; check `kubectl -n ingress-nginx describe service " + INGRESS_SERVICE + "`");
            }
            return v;
        }
    }

    /**
     * The public address of the ingress controller's load balancer, read from its Service once the
     * release is in (the release waits for it): what the api./ws. DNS records point at.
     */
    public Output<LoadBalancerAddress> ingressAddress(String name, Provider provider) {
        var service = com.pulumi.kubernetes.core.v1.Service.get(name + "-ingress-address",
                Output.of(AddonChart.INGRESS_NGINX.namespace() + "/" + INGRESS_SERVICE),
                CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(releases.get(AddonChart.INGRESS_NGINX)).build());
        return service.status().applyValue(s -> s.flatMap(st -> st.loadBalancer())
                .flatMap(lb -> lb.ingress().stream().findFirst())
                .map(i -> new LoadBalancerAddress(i.ip().orElse(""), i.hostname().orElse("")))
                .orElse(new LoadBalancerAddress("", "")));
    }

    /** The releases installed, by chart. */
    public Map<AddonChart, Release> releases() {
        return Map.copyOf(releases);
    }

    /** The release of the cluster-wide objects. */
    public Release clusterObjects() {
        return clusterObjects;
    }

    /**
     * What a release of {@code manifests} must wait for: the add-ons serving its custom API groups,
     * ingress-nginx for Ingresses (its admission webhook validates them), the metrics APIs for
     * autoscalers, istiod and the CNI agent with the mesh, and the cluster objects.
     *
     * @throws IllegalStateException naming the group and kind when no add-on installs a kind the objects use
     */
    public List<Resource> releasesFor(List<Manifest> manifests, StackConfig stack) {
        Set<Resource> out = new LinkedHashSet<>(serving(ApiGroups.custom(manifests)));
        List<ObjectNode> objects = manifests.stream().flatMap(m -> m.objects().stream()).toList();
        if (objects.stream().anyMatch(o -> kind(o).equals("Ingress"))) {
            out.add(releases.get(AddonChart.INGRESS_NGINX));
        }
        if (objects.stream().anyMatch(o -> kind(o).equals("HorizontalPodAutoscaler"))) {
            Optional.ofNullable(releases.get(AddonChart.METRICS_SERVER)).ifPresent(out::add);
            // Pods/Object metrics come from custom.metrics.k8s.io, which prometheus-adapter serves.
            if (objects.stream().filter(o -> kind(o).equals("HorizontalPodAutoscaler"))
                    .flatMap(o -> iterate(o.at("/spec/metrics")).stream()).anyMatch(m -> !m.path("type").asText().equals("Resource"))) {
                out.add(Optional.ofNullable(releases.get(AddonChart.PROMETHEUS_ADAPTER)).orElseThrow(() -> new IllegalStateException(
                        "the stack's autoscalers scale on Pods metrics, but voiceplane:cluster.customMetrics says nothing serves them")));
            }
        }
        if (stack.istio()) {
            out.add(releases.get(AddonChart.ISTIOD));
            out.add(releases.get(AddonChart.ISTIO_CNI));
        }
        out.add(clusterObjects);
        return List.copyOf(out);
    }

    private List<Resource> serving(Set<String> groups) {
        List<Resource> out = new ArrayList<>();
        for (String group : groups) {
            Release release = releases.entrySet().stream().filter(e -> e.getKey().apiGroups().contains(group))
                    .map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new IllegalStateException("objects of API group '" + group
                            + "' need an add-on that installs its CRDs, and none of the stack's add-ons does (infra AddonChart)"));
            if (!out.contains(release)) {
                out.add(release);
            }
        }
        return out;
    }

    private Release install(String name, AddonChart chart, Output<Map<String, Object>> values, Provider provider, List<Resource> after) {
        var release = new Release(name + "-" + chart.release(), ReleaseArgs.builder()
                .name(chart.release()).chart(chart.chart()).version(chart.version())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(chart.repository()).build())
                .namespace(chart.namespace()).createNamespace(true)
                // Add-ons hold no data: a failed install or upgrade is rolled back whole.
                .atomic(true).cleanupOnFail(true).timeout(600)
                .values(values)
                .build(), CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(after).build());
        releases.put(chart, release);
        return release;
    }

    /** prometheus-adapter reads the system's Prometheus and serves the HPA metrics charts-gen defines. */
    static Map<String, Object> adapterValues(StackConfig stack) {
        try {
            JsonNode rules = YAML.readTree(ScalingTargets.adapterRules()).path("rules");
            return Map.of(
                    "prometheus", Map.of("url", "http://" + Names.serviceHost(PrometheusServer.SERVICE, stack.namespace()),
                            "port", PrometheusServer.PORT),
                    "rules", Map.of("default", false, "custom", YAML.convertValue(rules, List.class)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("ScalingTargets.adapterRules() is not YAML", e);
        }
    }

    static Map<String, String> clusterChart(StackConfig stack, List<ObjectNode> objects) {
        String yaml = YamlWriter.write(objects);
        if (yaml.contains("{{") || yaml.contains("}}")) {
            throw new IllegalStateException("cluster objects must not contain Helm template braces");
        }
        Map<String, String> files = new TreeMap<>();
        files.put("Chart.yaml", String.join("\n", "apiVersion: v2", "name: " + CLUSTER_RELEASE,
                "description: cluster-wide objects of stack " + stack.name() + " (StorageClasses, ClusterIssuers), generated by voiceplane",
                "type: application", "version: 0.1.0", ""));
        files.put("templates/cluster.yaml", yaml);
        return files;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> out = new TreeMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, (x, y) -> x instanceof Map<?, ?> mx && y instanceof Map<?, ?> my
                ? merge((Map<String, Object>) mx, (Map<String, Object>) my) : y));
        return out;
    }

    private static List<Resource> plus(List<Resource> list, Resource one) {
        List<Resource> out = new ArrayList<>(list);
        out.add(one);
        return out;
    }

    private static String kind(JsonNode o) {
        return o.path("kind").asText();
    }

    private static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
