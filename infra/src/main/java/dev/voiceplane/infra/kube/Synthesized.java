package dev.voiceplane.infra.kube;

import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Manifest;
import java.util.List;

/**
 * A stack and the manifests synthesized from it, kept together: a chart's values (registry, tag,
 * replicas) come from the stack and its templates from the manifests, so both must be the same
 * version of the stack (the one with deploy-time values filled in).
 */
public record Synthesized(StackConfig stack, List<Manifest> manifests) {
    public Synthesized {
        manifests = List.copyOf(manifests);
    }

    /** Only the manifests of the app chart ({@code cluster} false) or of the cluster component. */
    public Synthesized only(boolean cluster) {
        return new Synthesized(stack, manifests.stream().filter(m -> m.component().inAppChart() != cluster).toList());
    }
}
