package dev.voiceplane.stack;

/**
 * CPU and memory requests and limits of one container, as Kubernetes quantities.
 * The default is the BharatVoice guide's application pod: 500m/1Gi requested, 1000m/2Gi limit.
 */
public record ResourceBudget(String requestCpu, String requestMemory, String limitCpu, String limitMemory) {
    public static final ResourceBudget GUIDE_APP_POD = new ResourceBudget("500m", "1Gi", "1000m", "2Gi");
    /**
     * The Istio proxy beside each meshed service pod: Istio's default request (100m/128Mi), and limits
     * of 500m/256Mi instead of its 2 CPU/1Gi, which no namespace quota would hold at scale. An
     * Envoy sidecar proxying one service's HTTP and WebSocket traffic stays well within these.
     */
    public static final ResourceBudget MESH_SIDECAR = new ResourceBudget("100m", "128Mi", "500m", "256Mi");
}
