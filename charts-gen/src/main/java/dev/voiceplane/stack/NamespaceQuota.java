package dev.voiceplane.stack;

/**
 * The namespace's ResourceQuota and the LimitRange defaults for containers that state none.
 * Defaults are the guide's figures: requests 8 CPU / 16Gi, limits 16 CPU / 32Gi, default 1 CPU / 2Gi.
 */
public record NamespaceQuota(
        String requestsCpu, String requestsMemory, String limitsCpu, String limitsMemory,
        String defaultCpu, String defaultMemory, String defaultRequestCpu, String defaultRequestMemory) {

    public static final NamespaceQuota GUIDE = new NamespaceQuota("8", "16Gi", "16", "32Gi", "1", "2Gi", "500m", "1Gi");
}
