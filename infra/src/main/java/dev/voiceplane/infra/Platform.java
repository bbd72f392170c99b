package dev.voiceplane.infra;

import com.pulumi.core.Output;
import dev.voiceplane.infra.kube.ClusterAddons;
import dev.voiceplane.stack.StackConfig;
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

    /** Stack output name to value, in a stable order. */
    Map<String, Output<?>> outputs();
}
