package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apply, status, rollback, backup and restore against fabric8's mock API server (see {@link MockCluster} for what it emulates). */
class ClusterCommandsTest {
    private static final String NS = "ai-ninja";
    private static final Map<String, String> OWNED = Map.of("app.kubernetes.io/managed-by", "voiceplane", "voiceplane.dev/stack", "local");

    @TempDir
    Path dir;

    private MockCluster cluster;
    private Path kubeconfig;
    private CliRun cli;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster();
        kubeconfig = cluster.kubeconfig(dir);
        cli = new CliRun();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private int voiceplane(String verb, String... extra) {
        List<String> args = new ArrayList<>(List.of(verb, "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(),
                "--kubeconfig", kubeconfig.toString()));
        args.addAll(List.of(extra));
        cli = new CliRun();
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void applyServerSideAppliesEveryObjectAsVoiceplaneInKindOrderAndRecordsARevision() throws Exception {
        assertThat(voiceplane("apply", "-o", "json", "--no-wait")).as(cli.err()).isZero();

        JsonNode summary = new ObjectMapper().readTree(cli.out());
        assertThat(summary.path("revision").asInt()).isEqualTo(1);
        assertThat(cluster.applies()).hasSize(summary.path("applied").size()).isNotEmpty();
        assertThat(cluster.applies()).allSatisfy(apply -> {
            assertThat(apply.contentType()).startsWith("application/apply-patch+yaml");
            assertThat(apply.path()).contains("fieldManager=voiceplane").doesNotContain("force=true");
        });
        // The cluster-wide classes (component `cluster`) come first, then the namespace before anything in it.
        MockCluster.Apply first = cluster.applies().get(0);
        assertThat(first.path()).startsWith("/apis/storage.k8s.io/v1/storageclasses/");
        List<String> paths = cluster.applies().stream().map(MockCluster.Apply::path).toList();
        int namespace = paths.indexOf(paths.stream().filter(p -> p.startsWith("/api/v1/namespaces/ai-ninja?")).findFirst().orElseThrow());
        assertThat(paths.subList(0, namespace)).noneMatch(p -> p.contains("/namespaces/ai-ninja/"));
        assertThat(new ObjectMapper().readTree(first.body()).at("/metadata/labels/voiceplane.dev~1stack").asText()).isEqualTo("local");
        assertThat(cli.err()).contains("Applying core-services");
        assertThat(cluster.client().configMaps().inNamespace(NS).withName("voiceplane-local-rev-1").get().getBinaryData())
                .containsKey("core-services.yaml.gz");
    }

    @Test
    void pruneDeletesAnOrphanedConfigMapButKeepsAnOrphanedClaimUnlessDataLossIsAllowed() {
        cluster.client().configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("old-settings")
                .withLabels(OWNED).endMetadata().build()).create();
        cluster.client().persistentVolumeClaims().inNamespace(NS).resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("old-data").withLabels(OWNED).endMetadata().withNewSpec().endSpec().build()).create();

        assertThat(voiceplane("apply", "--component", "config-security", "--prune")).isEqualTo(ExitCode.FAILURE);
        assertThat(cluster.client().configMaps().inNamespace(NS).withName("old-settings").get()).isNull();
        assertThat(cluster.client().persistentVolumeClaims().inNamespace(NS).withName("old-data").get()).isNotNull();
        assertThat(cli.err()).contains("not pruned PersistentVolumeClaim/ai-ninja/old-data").contains("--allow-data-loss");

        assertThat(voiceplane("apply", "--component", "config-security", "--prune", "--allow-data-loss")).as(cli.err()).isZero();
        assertThat(cluster.client().persistentVolumeClaims().inNamespace(NS).withName("old-data").get()).isNull();
    }

    @Test
    void aDryRunWritesNothingAndShowsNoSecretValue() {
        cluster.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("old-secret")
                .withLabels(OWNED).endMetadata().addToData("TOKEN", "c3VwZXItc2VjcmV0").build()).create();

        assertThat(voiceplane("apply", "--component", "namespace", "--prune", "--dry-run")).as(cli.err()).isZero();
        assertThat(cluster.applies()).isEmpty();
        assertThat(cluster.client().secrets().inNamespace(NS).withName("old-secret").get()).isNotNull();
        assertThat(cli.out()).contains("+++ b/local/Namespace/ai-ninja").contains("--- a/local/Secret/ai-ninja/old-secret")
                .contains("<redacted>").doesNotContain("c3VwZXItc2VjcmV0").contains("(dry run, nothing written)");
    }

    @Test
    void anUnknownComponentIsBadInputNamingTheFlag() {
        assertThat(voiceplane("apply", "--component", "core")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--component: unknown component 'core'");
        assertThat(cluster.applies()).isEmpty();
    }

    @Test
    void withoutAnyKubeconfigTheMessageSaysSoInsteadOfBlamingAnInClusterAddress() {
        Assumptions.assumeTrue(System.getenv("KUBECONFIG") == null && System.getenv("KUBERNETES_SERVICE_HOST") == null,
                "needs an environment without a kubeconfig variable, outside a pod");
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.toString()); // no .kube/config under it
        try {
            CliRun plain = new CliRun();
            assertThat(plain.run("status", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString()))
                    .isEqualTo(ExitCode.BAD_INPUT);
            assertThat(plain.err()).contains("no kubeconfig").contains("pass --kubeconfig").doesNotContain("kubernetes.default.svc");
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void anUnreachableClusterHasItsOwnExitCodeNamingTheKubeconfig() throws Exception {
        Path nowhere = dir.resolve("nowhere");
        Files.writeString(nowhere, MockCluster.kubeconfig("http://127.0.0.1:1"));
        kubeconfig = nowhere;
        assertThat(voiceplane("status")).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(cli.err()).contains("cannot reach the cluster at http://127.0.0.1:1").contains(nowhere.toString());

        kubeconfig = cluster.kubeconfig(dir);
        assertThat(voiceplane("status", "--context", "production")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("kubeconfig " + kubeconfig + ": no context 'production' (from --context); its contexts are: test");
    }

    @Test
    void rollbackReappliesTheEarlierRevisionAndKeepsWhatHoldsData() {
        assertThat(voiceplane("rollback")).isEqualTo(ExitCode.UNEXPECTED_STATE);
        assertThat(cli.err()).contains("nothing to roll back to").contains("0 recorded revision(s)");

        assertThat(voiceplane("apply", "--component", "namespace")).as(cli.err()).isZero();
        assertThat(voiceplane("apply", "--component", "storage", "--component", "cluster")).as(cli.err()).isZero();
        cluster.client().namespaces().withName(NS).edit(ns -> {
            ns.getMetadata().getLabels().remove("voiceplane.dev/stack");
            return ns;
        });
        assertThat(cluster.client().storage().v1().storageClasses().withName("fast-ssd").get()).isNotNull();

        assertThat(voiceplane("rollback", "-o", "json")).as(cli.err()).isZero();
        assertThat(cluster.client().namespaces().withName(NS).get().getMetadata().getLabels()).containsEntry("voiceplane.dev/stack", "local");
        assertThat(cluster.client().storage().v1().storageClasses().withName("fast-ssd").get()).isNull();
        assertThat(cluster.client().persistentVolumeClaims().inNamespace(NS).withName("ai-ninja-backups").get()).isNotNull();
        assertThat(cli.err()).contains("kept PersistentVolumeClaim/ai-ninja/ai-ninja-backups");
        assertThat(cluster.client().configMaps().inNamespace(NS).withName("voiceplane-local-rev-3").get().getMetadata().getAnnotations())
                .containsEntry("voiceplane.dev/change-cause", "rollback to 1");
    }

    @Test
    void backupStartsAJobFromTheCronJobsTemplateAndReportsItsOutcome() throws Exception {
        assertThat(voiceplane("apply", "--component", "backups")).as(cli.err()).isZero();
        CronJob cronJob = cluster.client().batch().v1().cronjobs().inNamespace(NS).withName("postgres-backup").get();

        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> voiceplane("backup", "--store", "postgres", "--timeout", "20"));
        Job job = finish(true);
        assertThat(run.get(30, TimeUnit.SECONDS)).as(cli.err()).isZero();

        assertThat(job.getSpec().getTemplate()).isEqualTo(cronJob.getSpec().getJobTemplate().getSpec().getTemplate());
        assertThat(job.getMetadata().getName()).startsWith("postgres-backup-manual-");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind() + "/" + o.getName()).isEqualTo("CronJob/postgres-backup"));
        assertThat(cli.out()).contains("succeeded");

        cluster.client().batch().v1().jobs().inNamespace(NS).delete();
        CompletableFuture<Integer> failing = CompletableFuture.supplyAsync(() -> voiceplane("backup", "--store", "postgres", "--timeout", "20"));
        finish(false);
        assertThat(failing.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCode.FAILURE);
    }

    @Test
    void restoreWithoutYesRefusesAndWritesNothing() {
        assertThat(voiceplane("restore", "--store", "postgres", "--from", "postgres-20250101T020000Z.sql.gz.gpg"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--yes");
        assertThat(cluster.client().batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void restoreStopsTheWritersRunsTheScriptInRestoreModeAndStartsThemAgain() throws Exception {
        assertThat(voiceplane("apply", "--component", "backups")).as(cli.err()).isZero();
        restoreKeySecret();
        postgresWriter();

        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> voiceplane("restore", "--store", "postgres", "--from",
                "postgres-20250101T020000Z.sql.gz.gpg", "--yes", "--timeout", "20"));
        Job job = cluster.client().batch().v1().jobs().inNamespace(NS).informOnCondition(jobs -> !jobs.isEmpty()).get(20, TimeUnit.SECONDS).get(0);
        var writer = cluster.client().apps().deployments().inNamespace(NS).withName("user-management").get();
        assertThat(writer.getSpec().getReplicas()).isZero();
        assertThat(writer.getMetadata().getAnnotations()).containsEntry(RestoreCommand.REPLICAS_BEFORE, "3");
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getCommand()).containsExactly("/bin/sh", "/scripts/backup.sh");
        assertThat(container.getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("MODE=restore"))
                .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("BACKUP_NAME=postgres-20250101T020000Z.sql.gz.gpg"));
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo("ai-ninja-backup-restore-key"));
        complete(job, true);

        assertThat(run.get(30, TimeUnit.SECONDS)).as(cli.err()).isZero();
        writer = cluster.client().apps().deployments().inNamespace(NS).withName("user-management").get();
        assertThat(writer.getSpec().getReplicas()).isEqualTo(3);
        // The merge patch sets the annotation to null, which removes it (RFC 7386); the mock keeps the key with no value.
        assertThat(writer.getMetadata().getAnnotations().get(RestoreCommand.REPLICAS_BEFORE)).isNull();
    }

    @Test
    void aPointInTimeRestoreChecksItsTimeBeforeTouchingTheCluster() {
        assertThat(voiceplane("restore", "--store", "postgres", "--yes")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--from <copy> or --to-time <time>");
        assertThat(voiceplane("restore", "--store", "postgres", "--from", "postgres-1.sql.gz.gpg", "--to-time", "2026-01-01T00:00:00Z", "--yes"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(voiceplane("restore", "--store", "postgres", "--to-time", "yesterday noon", "--yes")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--to-time: 'yesterday noon' is not an RFC 3339 time");
        assertThat(voiceplane("restore", "--store", "postgres", "--to-time", "2026-01-01T00:00:00", "--yes")).as("no offset").isEqualTo(ExitCode.BAD_INPUT);
        assertThat(voiceplane("restore", "--store", "postgres", "--to-time", java.time.Instant.now().plusSeconds(86_400).toString(), "--yes"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("in the future");
        assertThat(voiceplane("restore", "--store", "redis", "--to-time", "2026-01-01T00:00:00Z", "--yes")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("only postgres archives its WAL");
        assertThat(cluster.client().batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void aPointInTimeRestoreStopsPostgresPreparesItsVolumeAsThePostgresUserAndStartsItBeforeTheWriters() throws Exception {
        assertThat(voiceplane("apply", "--component", "backups")).as(cli.err()).isZero();
        restoreKeySecret();
        cluster.client().apps().statefulSets().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                .withNewMetadata().withName("postgres").withLabels(OWNED).endMetadata().withNewSpec().withReplicas(1)
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().endVolumeClaimTemplate().endSpec().build()).create();
        postgresWriter();

        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> voiceplane("restore", "--store", "postgres", "--to-time",
                "2026-01-01T13:45:00+05:30", "--yes", "--timeout", "20"));
        Job job = cluster.client().batch().v1().jobs().inNamespace(NS).informOnCondition(jobs -> !jobs.isEmpty()).get(20, TimeUnit.SECONDS).get(0);
        assertThat(cluster.client().apps().statefulSets().inNamespace(NS).withName("postgres").get().getSpec().getReplicas()).isZero();
        assertThat(cluster.client().apps().deployments().inNamespace(NS).withName("user-management").get().getSpec().getReplicas()).isZero();
        var pod = job.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0);
        assertThat(container.getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("RESTORE_TARGET_TIME=2026-01-01T08:15:00Z"))
                .noneSatisfy(e -> assertThat(e.getName()).isEqualTo("BACKUP_NAME"));
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(70L);
        assertThat(container.getSecurityContext().getRunAsUser()).isEqualTo(70L);
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim() == null ? null
                : v.getPersistentVolumeClaim().getClaimName()).isEqualTo("data-postgres-0"));
        assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/restore-target"));
        complete(job, true);

        assertThat(run.get(30, TimeUnit.SECONDS)).as(cli.err()).isZero();
        assertThat(cluster.client().apps().statefulSets().inNamespace(NS).withName("postgres").get().getSpec().getReplicas()).isEqualTo(1);
        assertThat(cluster.client().apps().deployments().inNamespace(NS).withName("user-management").get().getSpec().getReplicas()).isEqualTo(3);
        assertThat(cli.out()).contains("postgres\t2026-01-01T08:15:00Z\trestored");
        assertThat(cli.err().indexOf("Starting statefulset/postgres")).as(cli.err()).isNotNegative()
                .isLessThan(cli.err().indexOf("Starting deployment/user-management"));
    }

    @Test
    void statusReportsWorkloadsNotReadyAsUnexpectedStateInJson() throws Exception {
        cluster.client().apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("user-management")
                .withLabels(OWNED).endMetadata().withNewSpec().withReplicas(3).endSpec().withNewStatus().withReadyReplicas(1).endStatus()
                .build()).create();
        assertThat(voiceplane("status", "-o", "json")).isEqualTo(ExitCode.UNEXPECTED_STATE);
        JsonNode status = new ObjectMapper().readTree(cli.out());
        assertThat(status.path("revision").isNull()).isTrue();
        assertThat(status.at("/objects/0/state").asText()).isEqualTo("1/3 ready");
        assertThat(status.at("/objects/0/ready").asBoolean()).isFalse();
    }

    /** The Secret with the backup private key an operator creates for a restore (empty: nothing reads it here). */
    private void restoreKeySecret() {
        cluster.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("ai-ninja-backup-restore-key")
                .endMetadata().build()).create();
    }

    /** A Deployment of the stack that writes to PostgreSQL (its DB_HOST), at 3 replicas. */
    private void postgresWriter() {
        cluster.client().apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("user-management")
                .withLabels(OWNED).endMetadata().withNewSpec().withReplicas(3).withNewTemplate().withNewSpec().addNewContainer()
                .withName("app").addNewEnv().withName("DB_HOST").withValue("postgres-service").endEnv().endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
    }

    /** Waits for the one Job the command starts and ends it as a Job controller would. */
    private Job finish(boolean succeeded) throws Exception {
        Job job = cluster.client().batch().v1().jobs().inNamespace(NS).informOnCondition(jobs -> !jobs.isEmpty()).get(20, TimeUnit.SECONDS).get(0);
        complete(job, succeeded);
        return job;
    }

    private void complete(Job job, boolean succeeded) {
        job.setStatus(new JobStatusBuilder().withSucceeded(succeeded ? 1 : 0).withFailed(succeeded ? 0 : 1)
                .withConditions(new JobConditionBuilder().withType(succeeded ? "Complete" : "Failed").withStatus("True").build()).build());
        cluster.client().batch().v1().jobs().inNamespace(NS).resource(job).updateStatus();
    }
}
