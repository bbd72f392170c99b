package dev.voiceplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.infra.kube.ChartRelease;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Synthesizer;
import org.junit.jupiter.api.Test;

/** Deploying the synthesized chart: the local stack (no cloud) and the data-keeping rules. */
class ChartReleaseTest {
    static InfraRun local() {
        return InfraRun.of("local");
    }

    @Test
    void aLocalStackCreatesNoCloudResourcesOnlyTheRelease() {
        assertThat(local().result.exceptions()).isEmpty();
        assertThat(local().created).extracting(MockCloud.Created::type)
                .allSatisfy(t -> assertThat(t).matches("voiceplane:.*|pulumi:providers:kubernetes|kubernetes:helm.sh/v3:Release"));
    }

    @Test
    void theLocalReleaseUsesTheCurrentKubeContext() {
        assertThat(local().one("pulumi:providers:kubernetes").inputs()).doesNotContainKey("kubeconfig");
    }

    @Test
    void theReleaseInstallsTheSynthesizedChartAndIsProtected() {
        var release = local().one("kubernetes:helm.sh/v3:Release");
        assertThat(release.inputs().get("name")).isEqualTo("ai-ninja");
        assertThat(release.inputs().get("chart")).asString().endsWith("local");
        assertThat(release.inputs().get("forceUpdate")).isEqualTo(false);
        assertThat(local().optionsOf(release).protect()).isTrue();
    }

    @Test
    void cloudReleasesUseTheNewClustersKubeconfig() {
        assertThat(InfraRun.of("bharatvoice-production").one("pulumi:providers:kubernetes").inputs()).containsKey("kubeconfig");
        assertThat(InfraRun.of("ai-ninja-production").one("pulumi:providers:kubernetes").inputs()).containsKey("kubeconfig");
    }

    @Test
    void helmKeepsEveryObjectThatHoldsDataAndNothingElse() {
        var manifests = Synthesizer.synth(new StackFiles(InfraRun.STACKS).load("bharatvoice-production"));
        var kept = ChartRelease.keepData(manifests).stream().flatMap(m -> m.objects().stream()).toList();
        assertThat(kept).filteredOn(o -> o.path("kind").asText().equals("StatefulSet")).isNotEmpty()
                .allSatisfy(o -> assertThat(o.at("/metadata/annotations/helm.sh~1resource-policy").asText()).isEqualTo("keep"));
        assertThat(kept).filteredOn(o -> o.path("kind").asText().equals("Deployment")).isNotEmpty()
                .allSatisfy(o -> assertThat(o.at("/metadata/annotations/helm.sh~1resource-policy").isMissingNode()).isTrue());
        // The synthesized objects themselves are not changed.
        assertThat(manifests.stream().flatMap(m -> m.objects().stream()))
                .allSatisfy(o -> assertThat(o.at("/metadata/annotations/helm.sh~1resource-policy").isMissingNode()).isTrue());
    }
}
