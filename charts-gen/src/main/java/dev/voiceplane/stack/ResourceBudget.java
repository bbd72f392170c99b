package dev.voiceplane.stack;

/**
 * CPU and memory requests and limits of one container, as Kubernetes quantities.
 * The default is the BharatVoice guide's application pod: 500m/1Gi requested, 1000m/2Gi limit.
 */
public record ResourceBudget(String requestCpu, String requestMemory, String limitCpu, String limitMemory) {
    public static final ResourceBudget GUIDE_APP_POD = new ResourceBudget("500m", "1Gi", "1000m", "2Gi");
}
