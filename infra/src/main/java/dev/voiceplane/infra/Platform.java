package dev.voiceplane.infra;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.Resource;
import dev.voiceplane.infra.kube.ClusterAddons;
import dev.voiceplane.stack.StackConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a cloud's component hands to the rest of the program: how to reach the cluster it created,
 * the values the charts need from it, how the cluster add-ons differ on it, and the stack outputs.
 */
public interface Platform {
    /** A kubeconfig for the new cluster (secret); empty when the program uses the current kube context. */
    Optional<Output<String>> kubeconfig();

    /**
     * The stack with the values this cloud produced in this run (identities, file system id, registry),
     * for synthesizing the charts at deploy time instead of copying ids into the stack file.
     */
    Output<StackConfig> deployed(StackConfig stack);

    /** The add-ons' cloud differences and what they wait for (node groups, CSI drivers, network grants). */
    ClusterAddons.Settings addons();

    /**
     * Work inside the new cluster that the app release must wait for, such as creating the services'
     * login on a managed database only the cluster's network reaches. None by default.
     */
    default List<Resource> prepare(Provider kube) {
        return List.of();
    }

    /**
     * Publishes the stack's public hosts (api./ws. of its domain) at the ingress controller's address in
     * a DNS zone of the cloud, so Let's Encrypt's HTTP-01 challenge and clients reach the cluster.
     * Adds the zone's name servers (to delegate the domain to) to {@link #outputs()}.
     */
    void publish(String domain, List<String> hosts, Output<ClusterAddons.LoadBalancerAddress> ingressAddress);

    /** Stack output name to value, in a stable order. */
    Map<String, Output<?>> outputs();
}
