package dev.voiceplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.infra.kube.ChartRelease;
import dev.voiceplane.infra.plan.Plan;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Synthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying the synthesized chart: the local stack (no cloud), rollouts, and the data-keeping rules. */
class ChartReleaseTest {
    static InfraRun local() {
        return InfraRun.of("local");
    }

    static Plan.Node appRelease(InfraRun run, String stack) {
        return run.named("kubernetes:helm.sh/v3:Release", stack + "-charts");
    }

    @Test
    void aLocalStackCreatesNoCloudResourcesOnlyKubernetesOnes() {
        assertThat(local().errors()).isEmpty();
        assertThat(local().created).extracting(Plan.Node::type).isNotEmpty()
                .allSatisfy(t -> assertThat(t).matches("voiceplane:.*|pulumi:providers:kubernetes|kubernetes:.*"));
    }

    @Test
    void theLocalReleasesUseTheCurrentKubeContext() {
        assertThat(local().one("pulumi:providers:kubernetes").inputs()).doesNotContainKey("kubeconfig");
        assertThat(local().ofType("kubernetes:helm.sh/v3:Release")).hasSizeGreaterThan(5)
                .allSatisfy(r -> assertThat(r.provider()).isEqualTo("kubernetes::local-k8s"));
    }

    @Test
    void theReleaseInstallsTheSynthesizedChartAtItsContentVersionAndIsProtected() throws Exception {
        var release = appRelease(local(), "local");
        assertThat(release.inputs().get("name")).isEqualTo("ai-ninja");
        Path chart = Path.of((String) release.inputs().get("chart"));
        assertThat(chart.getFileName().toString()).isEqualTo("local");
        assertThat(release.inputs().get("version")).asString().matches("0\\.1\\.0\\+[0-9a-f]{12}");
        assertThat(Files.readString(chart.resolve("Chart.yaml"))).contains("version: " + release.inputs().get("version"));
        assertThat(release.inputs().get("forceUpdate")).isEqualTo(false);
        assertThat(release.protect()).isTrue();
    }

    @Test
    void cloudReleasesUseTheNewClustersKubeconfig() {
        assertThat(InfraRun.of("bharatvoice-production").one("pulumi:providers:kubernetes").inputs()).containsKey("kubeconfig");
        assertThat(InfraRun.of("ai-ninja-production").one("pulumi:providers:kubernetes").inputs()).containsKey("kubeconfig");
    }

    @Test
    void aChangedStackValueChangesTheReleaseAndAnUnchangedOneDoesNot(@TempDir Path stacks) throws Exception {
        String text = Files.readString(InfraRun.STACKS.resolve("Pulumi.local.yaml"));
        Files.writeString(stacks.resolve("Pulumi.local.yaml"), text);
        Object same = appRelease(InfraRun.run(stacks, "local"), "local").inputs().get("version");
        assertThat(same).isEqualTo(appRelease(local(), "local").inputs().get("version"));

        assertThat(text).contains("voiceplane:domain: ai-ninja.localtest.me");
        Files.writeString(stacks.resolve("Pulumi.local.yaml"), text.replace("voiceplane:domain: ai-ninja.localtest.me", "voiceplane:domain: other.localtest.me"));
        InfraRun edited = InfraRun.run(stacks, "local");
        assertThat(edited.errors()).isEmpty();
        // Only the app's hosts changed: its release rolls out, the cluster objects' release stays as it was.
        assertThat(appRelease(edited, "local").inputs().get("version")).isNotEqualTo(same);
        assertThat(edited.named("kubernetes:helm.sh/v3:Release", "local-addons-voiceplane-cluster").inputs().get("version"))
                .isEqualTo(local().named("kubernetes:helm.sh/v3:Release", "local-addons-voiceplane-cluster").inputs().get("version"));
    }

    @Test
    void theLocalStackGetsItsSecretsGeneratedOnceAndNeverShown() {
        var secret = local().one("kubernetes:core/v1:Secret");
        @SuppressWarnings("unchecked")
        Map<String, String> data = (Map<String, String>) secret.inputs().get("stringData");
        assertThat(secret.inputs()).extracting(i -> InfraRun.at(i, "metadata.name")).isEqualTo("ai-ninja-local-secrets");
        assertThat(data).containsKeys("DB_PASSWORD", "JWT_ACCESS_SECRET", "REDIS_PASSWORD", "DB_USERNAME", "BACKUP_GPG_PUBLIC_KEY");
        assertThat(data.get("DB_PASSWORD")).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(data.get("REDIS_PASSWORD"));
        assertThat(data.get("DB_USERNAME")).isEqualTo("ai_ninja");
        // user-management's TOTP seed key: an AES-256 key of its own (standard base64, as TotpSeeds decodes it).
        assertThat(java.util.Base64.getDecoder().decode(data.get("TOTP_ENCRYPTION_KEY"))).hasSize(32);
        // Nothing random can stand in for a GPG public key or a webhook: the operator fills those in.
        assertThat(data.get("BACKUP_GPG_PUBLIC_KEY")).isEmpty();
        // Generated once: a new password on every run would lock the services out of the database.
        assertThat(secret.ignoreChanges()).containsExactly("stringData");
        // The namespace comes with the app release (its component: Pulumi waits for the component's children).
        assertThat(secret.dependsOn()).contains("voiceplane:kube:ChartRelease::local-charts");
        assertThat(appRelease(local(), "local").parent()).isEqualTo("voiceplane:kube:ChartRelease::local-charts");
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
        assertThat(List.of(ChartRelease.KEEP)).containsExactly("helm.sh/resource-policy");
    }
}
