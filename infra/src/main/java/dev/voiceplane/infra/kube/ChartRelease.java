package dev.voiceplane.infra.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.voiceplane.charts.StorageTiers;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.DataHolders;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.helm.HelmChart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Deploys a stack's synthesized charts to its cluster as one Helm release of the chart charts-gen
 * writes ({@link HelmChart#files}, which leaves out the cluster-wide objects {@link ClusterAddons}
 * installs), written to a directory beside the build and installed from there.
 *
 * <p>Why a Helm release: com.pulumi:kubernetes 4.0.0 for Java has typed classes for the built-in
 * kinds but neither {@code yaml.ConfigFile/ConfigGroup} nor a generic {@code CustomResource}, and
 * the charts are full of custom resources (ExternalSecret, ServiceMonitor, Certificate, VPA);
 * {@code helm.v3.Release} takes a local chart path and applies every object, and is the same chart
 * app teams take from {@code dist/<stack>/helm}.
 *
 * <p>Deploy-time values: the manifests come in as an {@link Output}, synthesized again with the
 * values the cloud resources produced in the same run (identities, file system, registry), so the
 * chart is written when those are known and the first {@code pulumi up} converges. The chart's
 * version carries the content hash ({@link LocalChart}), and is the release's {@code version} input:
 * any change of any object changes the release.
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
    private final Output<String> chartVersion;

    /**
     * @param synthesized    the stack with deploy-time values filled in, and its manifests
     * @param holdsData      whether any object holds data (known before deploy time; protects the release)
     * @param chartDirectory where the chart is written (stable per stack, so the release's chart path does not change)
     * @param after          the add-on releases the objects need ({@link ClusterAddons#releasesFor})
     */
    public ChartRelease(String name, StackConfig stack, Output<Synthesized> synthesized, boolean holdsData, Path chartDirectory,
                        Provider provider, List<Resource> after, ComponentResourceOptions options) {
        super("voiceplane:kube:ChartRelease", name, options);
        this.chartVersion = synthesized.applyValue(s -> LocalChart.write(chartDirectory, HelmChart.files(s.stack(), keepData(s.manifests()))));
        // Everything the charts describe, in one release named after the system. The release's own record
        // lives in "default" because the chart itself creates the system's namespace (with its quotas).
        var release = new Release(name, ReleaseArgs.builder()
                .name(stack.system().id()).namespace("default").chart(chartDirectory.toAbsolutePath().toString())
                .version(chartVersion)
                // The record lives in "default"; the chart creates the stack's namespace (with its Pod
                // Security and mesh labels) and puts every object there.
                .values(HelmChart.releaseInOtherNamespace(stack))
                .createNamespace(false).atomic(false).cleanupOnFail(false).forceUpdate(false)
                .timeout(600).maxHistory(10)
                .build(), CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(after).protect(holdsData).build());
        this.status = release.status().applyValue(s -> s.status());
        registerOutputs(Map.of("status", status, "chartVersion", chartVersion));
    }

    /** Whether any of the manifests' objects holds data. */
    public static boolean holdsData(List<Manifest> manifests) {
        return manifests.stream().flatMap(m -> m.objects().stream()).anyMatch(DataHolders::holdsData);
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

    /** The chart version written, {@code 0.1.0+<content hash>}. */
    public Output<String> chartVersion() {
        return chartVersion;
    }
}
