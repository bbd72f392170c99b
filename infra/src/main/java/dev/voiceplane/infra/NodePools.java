package dev.voiceplane.infra;

import dev.voiceplane.stack.Environment;
import dev.voiceplane.stack.NamespaceQuota;
import dev.voiceplane.stack.StackConfig;

/**
 * How many worker nodes a stack's cluster autoscales between, from the namespace quota the guides
 * set (the most the workloads can ever request) rather than a second set of figures to keep in step.
 *
 * <p>Nodes are 4 vCPU / 16 GiB (Azure {@code Standard_D4s_v5}, AWS {@code m5.xlarge}); about 3.5 CPU of
 * each is allocatable. The floor is one node per availability zone in production (three) so a zone
 * outage leaves two thirds of the capacity, two elsewhere so a node can drain; the ceiling fits the
 * quota's CPU requests plus two nodes for monitoring, ingress and the cluster's own add-ons.
 *
 * @param vmSize   Azure VM size of the user pool
 * @param instanceType EC2 instance type of the EKS node group
 * @param min      autoscaler floor
 * @param max      autoscaler ceiling
 */
public record NodePools(String vmSize, String instanceType, int min, int max) {
    static final double ALLOCATABLE_CPU = 3.5;

    public static NodePools of(StackConfig stack) {
        int min = stack.environment() == Environment.PRODUCTION ? 3 : 2;
        int forQuota = (int) Math.ceil(cpu(stack.quota()) / ALLOCATABLE_CPU) + 2;
        return new NodePools("Standard_D4s_v5", "m5.xlarge", min, Math.max(min, forQuota));
    }

    /** The quota's CPU requests in cores ("8", "500m"). */
    static double cpu(NamespaceQuota quota) {
        String q = quota.requestsCpu();
        return q.endsWith("m") ? Double.parseDouble(q.substring(0, q.length() - 1)) / 1000 : Double.parseDouble(q);
    }
}
