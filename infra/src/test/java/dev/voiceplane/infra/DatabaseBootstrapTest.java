package dev.voiceplane.infra;

import static dev.voiceplane.infra.InfraRun.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.infra.db.AppRoleScript;
import dev.voiceplane.infra.db.DerivedSecret;
import dev.voiceplane.infra.db.ScramVerifier;
import dev.voiceplane.infra.kube.DatabaseBootstrap;
import dev.voiceplane.infra.plan.Plan;
import dev.voiceplane.infra.plan.PlanReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ai-ninja's managed database gets its database and the services' login in the same {@code pulumi up}:
 * the database through Azure's API, the role by a Job in the cluster, both before the app release.
 */
class DatabaseBootstrapTest {
    static final String JOB = "kubernetes:batch/v1:Job";
    static final String ROLE = "ai_ninja_app";

    static InfraRun production() {
        return InfraRun.of("ai-ninja-production");
    }

    static String adminStandIn() {
        return Plan.SECRET_STAND_IN + VoiceplaneInfra.POSTGRES_ADMIN_PASSWORD;
    }

    @Test
    void theDatabaseIsCreatedAfterTheServersSettingsAndIsProtected() {
        var database = production().one("azure-native:dbforpostgresql:Database");
        assertThat(database.inputs().get("databaseName")).isEqualTo("ai_ninja");
        assertThat(database.inputs().get("charset")).isEqualTo("UTF8");
        assertThat(production().optionsOf(database)).isEqualTo(new InfraRun.Options(true, true));
        // The server takes one operation at a time: the database after the last configuration.
        assertThat(database.dependsOn()).contains("azure-native:dbforpostgresql:Configuration::ai-ninja-production-postgres-min-tls");
    }

    @Test
    void theLoginIsWrittenWhereTheChartsExternalSecretReadsIt() throws Exception {
        var username = production().named("azure-native:keyvault:Secret", "ai-ninja-production-kv-db-username");
        var password = production().named("azure-native:keyvault:Secret", "ai-ninja-production-kv-db-password");
        assertThat(username.inputs().get("secretName")).isEqualTo("db-username");
        assertThat(at(username.inputs(), "properties.value")).isEqualTo(ROLE);
        assertThat(password.inputs().get("secretName")).isEqualTo("db-password");
        assertThat(at(password.inputs(), "properties.value")).isEqualTo(derivedPassword());
        assertThat(username.inputs().get("vaultName")).isEqualTo("ai-ninja-prod-kv");
        for (var entry : List.of(username, password)) {
            assertThat(production().optionsOf(entry)).isEqualTo(new InfraRun.Options(true, true));
        }
        // The chart infra releases reads exactly those two entries for DB_USERNAME and DB_PASSWORD.
        String chart = chartText(production().charts.resolve("ai-ninja-production"));
        assertThat(chart).contains("key: db-username\n      secretKey: DB_USERNAME").contains("key: db-password\n      secretKey: DB_PASSWORD");
    }

    @Test
    void theJobSetsTheVerifierOfThePasswordTheServicesRead() {
        var secret = production().named("kubernetes:core/v1:Secret", "ai-ninja-production-db-bootstrap-credentials");
        @SuppressWarnings("unchecked")
        Map<String, String> data = (Map<String, String>) secret.inputs().get("stringData");
        assertThat(data.get("PGPASSWORD")).isEqualTo(adminStandIn());
        assertThat(data.get("PGOPTIONS")).isEqualTo("-c " + AppRoleScript.VERIFIER_SETTING + "=" + ScramVerifier.of(ROLE, derivedPassword()));
        var script = production().named("kubernetes:core/v1:ConfigMap", "ai-ninja-production-db-bootstrap-script");
        assertThat(castMap(script.inputs().get("data")).get("app-role.sql")).isEqualTo(AppRoleScript.sql("ai_ninja", ROLE));
    }

    @Test
    void theJobConnectsAsTheAdministratorOverVerifiedTlsWithCredentialsOnlyFromItsSecret() {
        var job = production().one(JOB);
        Map<String, Object> pod = castMap(at(job.inputs(), "spec.template.spec"));
        assertThat(pod.get("restartPolicy")).isEqualTo("Never");
        assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
        assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        assertThat(at(pod, "containers.0.securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
        assertThat(at(pod, "containers.0.command")).asString().contains("ON_ERROR_STOP=1").contains("VERBOSITY=terse");
        Map<String, Object> env = new java.util.TreeMap<>();
        for (Object e : (List<?>) at(pod, "containers.0.env")) {
            Map<String, Object> var = castMap(e);
            env.put(String.valueOf(var.get("name")), var.containsKey("value") ? var.get("value") : at(var, "valueFrom.secretKeyRef.key"));
        }
        assertThat(env).containsEntry("PGHOST", "ai-ninja-production.postgres.database.azure.com")
                .containsEntry("PGDATABASE", "ai_ninja").containsEntry("PGUSER", "voiceplane_admin")
                .containsEntry("PGSSLMODE", "verify-full")
                .containsEntry("PGPASSWORD", "PGPASSWORD").containsEntry("PGOPTIONS", "PGOPTIONS");
        // Its namespace enforces the restricted Pod Security level, and nothing in the Job's spec is a credential.
        var namespace = production().one("kubernetes:core/v1:Namespace");
        assertThat(at(namespace.inputs(), "metadata.name")).isEqualTo("ai-ninja-bootstrap");
        assertThat(castMap(at(namespace.inputs(), "metadata.labels"))).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(job.inputs().toString()).doesNotContain(derivedPassword()).doesNotContain(adminStandIn())
                .doesNotContain(ScramVerifier.of(ROLE, derivedPassword()));
    }

    @Test
    void theJobRunsAfterTheDatabaseAndTheAppReleaseAfterTheJobAndTheVaultEntries() {
        var job = production().one(JOB);
        assertThat(job.dependsOn()).contains("azure-native:dbforpostgresql:Database::ai-ninja-production-postgres-database",
                "kubernetes:core/v1:Secret::ai-ninja-production-db-bootstrap-credentials",
                "kubernetes:core/v1:ConfigMap::ai-ninja-production-db-bootstrap-script");
        assertThat(job.provider()).startsWith("kubernetes::ai-ninja-production-k8s");
        var app = production().named("kubernetes:helm.sh/v3:Release", "ai-ninja-production-charts");
        assertThat(app.dependsOn()).contains(job.id(), "azure-native:keyvault:Secret::ai-ninja-production-kv-db-username",
                "azure-native:keyvault:Secret::ai-ninja-production-kv-db-password");
    }

    @Test
    void aNewAdministratorPasswordRotatesTheLoginAndRerunsTheJob() {
        var rotated = InfraRun.run(InfraRun.STACKS, "ai-ninja-staging", new VoiceplaneInfra.Settings() {
            @Override
            public com.pulumi.core.Output<String> secret(com.pulumi.Context ctx, String key) {
                return com.pulumi.core.Output.ofSecret(Plan.SECRET_STAND_IN + "rotated-" + key);
            }

            @Override
            public java.util.Optional<String> setting(com.pulumi.Context ctx, String key) {
                return Plan.STAND_INS.setting(ctx, key);
            }
        }, new dev.voiceplane.infra.plan.MockCloud());
        var before = InfraRun.of("ai-ninja-staging");
        assertThat(rotated.errors()).isEmpty();
        assertThat(hashOf(rotated)).asString().hasSize(64).isNotEqualTo(hashOf(before));
        assertThat(at(rotated.named("azure-native:keyvault:Secret", "ai-ninja-staging-kv-db-password").inputs(), "properties.value"))
                .isNotEqualTo(at(before.named("azure-native:keyvault:Secret", "ai-ninja-staging-kv-db-password").inputs(), "properties.value"));
        // The same inputs give the same hash: an unchanged stack does not run the Job again.
        assertThat(hashOf(InfraRun.run(InfraRun.STACKS, "ai-ninja-staging"))).isEqualTo(hashOf(before));
    }

    @Test
    void thePlanShowsNoPasswordNorVerifier() {
        Plan plan = production().plan;
        String text = PlanReport.text(plan) + PlanReport.jsonText(List.of(plan));
        assertThat(text).doesNotContain(derivedPassword()).doesNotContain(ScramVerifier.of(ROLE, derivedPassword()))
                .doesNotContain(adminStandIn()).contains(PlanReport.SECRET);
    }

    @Test
    void stacksWithInClusterStoresHaveNoBootstrap() {
        for (String stack : List.of("bharatvoice-production", "local")) {
            assertThat(InfraRun.of(stack).ofType(JOB)).as(stack).isEmpty();
            assertThat(InfraRun.of(stack).ofType("azure-native:dbforpostgresql:Database")).as(stack).isEmpty();
        }
    }

    static String derivedPassword() {
        return DerivedSecret.derive(adminStandIn(), "db-password " + ROLE);
    }

    static Object hashOf(InfraRun run) {
        return castMap(at(run.one(JOB).inputs(), "spec.template.metadata.annotations")).get(DatabaseBootstrap.INPUTS_HASH);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    static String chartText(Path chart) throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.walk(chart)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.append(Files.readString(p));
            }
        }
        return out.toString();
    }
}
