package dev.voiceplane.infra.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.voiceplane.charts.StorageTiers;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.DataHolders;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.OutputDirectory;
import dev.voiceplane.synth.helm.HelmChart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * Deploys a stack's synthesized charts to its cluster as one Helm release of the chart charts-gen
 * writes ({@link HelmChart#files}), written to a directory beside the build and installed from there.
 *
 * <p>Why a Helm release: com.pulumi:kubernetes 4.0.0 for Java has typed classes for the built-in
 * kinds but neither {@code yaml.ConfigFile/ConfigGroup} nor a generic {@code CustomResource}, and
 * the charts are full of custom resources (ExternalSecret, ServiceMonitor, Certificate, VPA);
 * {@code helm.v3.Release} takes a local chart path and applies every object, and is the same chart
 * app teams take from {@code dist/<stack>/helm}.
 *
 * <p>Data safety, since Pulumi sees the release and not each object inside it: every object that holds
 * data (as {@link DataHolders} decides: claims, volumes, StatefulSets, anything annotated {@value StorageTiers#HOLDS_DATA})
 * gets Helm's {@code helm.sh/resource-policy: keep}, so neither an upgrade that drops it nor an
 * uninstall deletes it; the release itself is {@code protect}ed, so destroying or replacing it needs
 * an explicit {@code pulumi state unprotect}. Helm never force-replaces objects ({@code forceUpdate}
 * off): an immutable field change fails the upgrade instead of recreating a StatefulSet.
 */
public final class ChartRelease extends ComponentResource {
    public static final String KEEP = "helm.sh/resource-policy";

    private final Output<String> status;

    /**
     * @param chartDirectory where the chart is written (stable per stack, so the release's chart path does not change)
     * @param kubeconfig     the new cluster's kubeconfig; empty to use the current kube context ({@code kubeContext} if set)
     */
    public ChartRelease(String name, StackConfig stack, List<Manifest> manifests, Path chartDirectory,
                        Optional<Output<String>> kubeconfig, Optional<String> kubeContext, ComponentResourceOptions options) {
        super("voiceplane:kube:ChartRelease", name, options);
        List<Manifest> kept = keepData(manifests);
        OutputDirectory.replace(chartDirectory, HelmChart.files(stack, kept));

        var args = ProviderArgs.builder();
        kubeconfig.ifPresent(args::kubeconfig);
        kubeContext.ifPresent(args::context);
        // The cluster the charts go to: the one just created, or the current context for a local stack.
        var provider = new Provider(name + "-k8s", args.build(), child(this));
        boolean holdsData = kept.stream().flatMap(m -> m.objects().stream()).anyMatch(DataHolders::holdsData);
        // Everything the charts describe, in one release named after the system. The release's own record
        // lives in "default" because the chart itself creates the system's namespace (with its quotas).
        var release = new Release(name, ReleaseArgs.builder()
                .name(stack.system().id()).namespace("default").chart(chartDirectory.toAbsolutePath().toString())
                .createNamespace(false).atomic(false).cleanupOnFail(false).forceUpdate(false)
                .timeout(600).maxHistory(10)
                .build(), CustomResourceOptions.builder().parent(this).provider(provider).protect(holdsData).build());
        this.status = release.status().applyValue(s -> s.status());
        registerOutputs(Map.of("status", status));
    }

    /** The manifests with Helm's keep policy on every data-holding object (copies; the input is not changed). */
    public static List<Manifest> keepData(List<Manifest> manifests) {
        return manifests.stream().map(m -> new Manifest(m.component(), m.objects().stream().map(o -> {
            if (!DataHolders.holdsData(o)) {
                return o;
            }
            ObjectNode copy = o.deepCopy();
            ObjectNode meta = copy.has("metadata") ? (ObjectNode) copy.get("metadata") : copy.putObject("metadata");
            ObjectNode annotations = meta.has("annotations") ? (ObjectNode) meta.get("annotations") : meta.putObject("annotations");
            annotations.put(KEEP, "keep");
            return copy;
        }).toList())).toList();
    }

    public Output<String> status() {
        return status;
    }
}
