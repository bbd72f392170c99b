package dev.voiceplane.infra;

import com.pulumi.core.Output;
import java.util.Map;
import java.util.Optional;

/**
 * What a cloud's component hands to the rest of the program: how to reach the cluster it created and
 * the values the stack file carries (exported as stack outputs, see infra/README.md).
 */
public interface Platform {
    /** A kubeconfig for the new cluster (secret); empty when the program uses the current kube context. */
    Optional<Output<String>> kubeconfig();

    /** Stack output name to value, in a stable order. */
    Map<String, Output<?>> outputs();
}
