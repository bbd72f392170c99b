package dev.voiceplane.infra.kube;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One cluster add-on as a pinned Helm chart: the release name, where the chart comes from, its exact
 * version and namespace, and the API groups of the custom resources it installs (so the app release
 * can be made to wait for exactly the add-ons whose kinds its objects use, see {@link ApiGroups}).
 *
 * <p>Every version the program installs is a constant here, and only here. Versions were looked up on
 * the projects' release pages; none was installed on this machine (no cluster, no network), see
 * infra/README.md.
 *
 * @param release    Helm release name (also the Pulumi resource name's suffix)
 * @param chart      chart name in the repository
 * @param repository chart repository URL
 * @param version    exact chart version
 * @param namespace  namespace the release lives in (created by the release)
 * @param apiGroups  the custom-resource API groups the chart's CRDs serve
 */
public record AddonChart(String release, String chart, String repository, String version, String namespace, Set<String> apiGroups) {
    private static final String PROMETHEUS_COMMUNITY = "https://prometheus-community.github.io/helm-charts";
    private static final String ISTIO = "https://istio-release.storage.googleapis.com/charts";
    private static final String ISTIO_VERSION = "1.28.0";

    /** The NGINX ingress controller both guides put in front of the services (https://github.com/kubernetes/ingress-nginx/releases). */
    public static final AddonChart INGRESS_NGINX = new AddonChart("ingress-nginx", "ingress-nginx",
            "https://kubernetes.github.io/ingress-nginx", "4.14.1", "ingress-nginx", Set.of());
    /** Certificates from Let's Encrypt; the chart installs its CRDs with crds.enabled (https://cert-manager.io/docs/releases/). */
    public static final AddonChart CERT_MANAGER = new AddonChart("cert-manager", "cert-manager",
            "https://charts.jetstack.io", "v1.19.1", "cert-manager", Set.of("cert-manager.io", "acme.cert-manager.io"));
    /** The Prometheus Operator (runs the system's own Prometheus and reads its monitors), kube-state-metrics, node-exporter. */
    public static final AddonChart KUBE_PROMETHEUS_STACK = new AddonChart("kube-prometheus-stack", "kube-prometheus-stack",
            PROMETHEUS_COMMUNITY, "81.6.2", "monitoring", Set.of("monitoring.coreos.com"));
    /** Serves the custom metrics the HorizontalPodAutoscalers scale on (custom.metrics.k8s.io) from the system's Prometheus. */
    public static final AddonChart PROMETHEUS_ADAPTER = new AddonChart("prometheus-adapter", "prometheus-adapter",
            PROMETHEUS_COMMUNITY, "5.2.0", "monitoring", Set.of());
    /** Syncs Key Vault / Secrets Manager entries into Kubernetes Secrets (https://github.com/external-secrets/external-secrets/releases). */
    public static final AddonChart EXTERNAL_SECRETS = new AddonChart("external-secrets", "external-secrets",
            "https://charts.external-secrets.io", "0.20.4", "external-secrets", Set.of("external-secrets.io", "generators.external-secrets.io"));
    /** VerticalPodAutoscaler CRDs and the recommender (recommendations only; the charts set updateMode Off). */
    public static final AddonChart VPA = new AddonChart("vpa", "vertical-pod-autoscaler",
            "https://cowboysysop.github.io/charts/", "11.1.1", "vpa", Set.of("autoscaling.k8s.io"));
    /** Resource metrics for CPU/memory HPAs where the cloud has none (EKS); AKS runs its own. */
    public static final AddonChart METRICS_SERVER = new AddonChart("metrics-server", "metrics-server",
            "https://kubernetes-sigs.github.io/metrics-server/", "3.13.0", "kube-system", Set.of());
    /** Istio's CRDs (and the validating webhook config) for stacks with the mesh. */
    public static final AddonChart ISTIO_BASE = new AddonChart("istio-base", "base", ISTIO, ISTIO_VERSION, "istio-system",
            Set.of("networking.istio.io", "security.istio.io", "telemetry.istio.io", "extensions.istio.io"));
    /** Istio's control plane. */
    public static final AddonChart ISTIOD = new AddonChart("istiod", "istiod", ISTIO, ISTIO_VERSION, "istio-system", Set.of());
    /** Istio's CNI node agent: pods join the mesh without the NET_ADMIN init container the restricted Pod Security level forbids. */
    public static final AddonChart ISTIO_CNI = new AddonChart("istio-cni", "cni", ISTIO, ISTIO_VERSION, "istio-system", Set.of());
    /** Node autoscaling on EKS (EKS has none built in; AKS pools autoscale themselves). */
    public static final AddonChart CLUSTER_AUTOSCALER = new AddonChart("cluster-autoscaler", "cluster-autoscaler",
            "https://kubernetes.github.io/autoscaler", "9.52.1", "kube-system", Set.of());

    public AddonChart {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(namespace, "namespace");
        apiGroups = Set.copyOf(apiGroups);
    }

    /** Every add-on the program knows, for the README table and the version test. */
    public static List<AddonChart> all() {
        return List.of(INGRESS_NGINX, CERT_MANAGER, KUBE_PROMETHEUS_STACK, PROMETHEUS_ADAPTER, EXTERNAL_SECRETS, VPA,
                METRICS_SERVER, ISTIO_BASE, ISTIOD, ISTIO_CNI, CLUSTER_AUTOSCALER);
    }
}
