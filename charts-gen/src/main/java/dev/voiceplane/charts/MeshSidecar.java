package dev.voiceplane.charts;

import dev.voiceplane.stack.ResourceBudget;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Istio sidecar of a meshed pod, stated on the pod rather than left to the mesh's defaults.
 *
 * <ul>
 *   <li>Sized: {@link ResourceBudget#MESH_SIDECAR} through the pod annotations
 *       {@code sidecar.istio.io/proxyCPU}, {@code proxyCPULimit}, {@code proxyMemory}, {@code proxyMemoryLimit}
 *       (https://istio.io/latest/docs/reference/config/annotations/). Istio's default limit is 2 CPU
 *       and 1Gi per proxy: the namespace quota, which counts it, would be full long before the HPA's
 *       maximum.</li>
 *   <li>Native: {@code sidecar.istio.io/nativeSidecar} makes istio-proxy a Kubernetes native sidecar
 *       (an init container with {@code restartPolicy: Always}, https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/),
 *       started and ready before the next init container. With the Istio CNI, which the restricted
 *       namespaces assume (no NET_ADMIN istio-init), traffic is redirected to the proxy from the first
 *       init container on; a classic sidecar starts only after the init containers, so the
 *       {@code migrate} init container's connection to PostgreSQL would go to a proxy that is not
 *       there. Native sidecars are Istio's default since 1.27; the annotation keeps it so whatever the
 *       mesh's global setting.</li>
 *   <li>Scraped through the agent: a STRICT namespace ({@link StrictMutualTls}) refuses Prometheus, which has no
 *       mesh certificate, on the application's port. Istio's metrics merging (on by default) moves the pod's
 *       {@code prometheus.io/port}/{@code path} annotations into the agent, which scrapes the application over
 *       localhost and serves its metrics together with Envoy's on {@value #MERGED_METRICS_PORT}
 *       {@value #MERGED_METRICS_PATH}, a port the sidecar never captures, so plain HTTP reaches it
 *       (https://istio.io/latest/docs/ops/integrations/prometheus/#option-1-metrics-merging; the injection
 *       template excludes 15090, 15021 and the status port 15020 from inbound redirection).</li>
 * </ul>
 */
public final class MeshSidecar {
    public static final String INJECT = "sidecar.istio.io/inject";
    /** The Istio agent's status port: merged application and Envoy metrics, outside mTLS. */
    public static final int MERGED_METRICS_PORT = 15020;
    /** Where the agent serves the merged metrics. */
    public static final String MERGED_METRICS_PATH = "/stats/prometheus";

    private MeshSidecar() {
    }

    /** The pod annotations that size the proxy and make it native. */
    public static Map<String, String> podAnnotations() {
        ResourceBudget r = ResourceBudget.MESH_SIDECAR;
        Map<String, String> a = new TreeMap<>();
        a.put("sidecar.istio.io/proxyCPU", r.requestCpu());
        a.put("sidecar.istio.io/proxyCPULimit", r.limitCpu());
        a.put("sidecar.istio.io/proxyMemory", r.requestMemory());
        a.put("sidecar.istio.io/proxyMemoryLimit", r.limitMemory());
        a.put("sidecar.istio.io/nativeSidecar", "true");
        return a;
    }

    /**
     * The pod label keeping a workload out of the mesh: the observability stack and the data stores
     * speak their own protocols and are reached by meshed clients in plain text (Istio's automatic
     * mTLS sends plain text to a pod without a proxy), and a Job's proxy would never exit.
     */
    public static Map<String, String> optOutLabel() {
        return Map.of(INJECT, "false");
    }
}
