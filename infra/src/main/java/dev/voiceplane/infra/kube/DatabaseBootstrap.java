package dev.voiceplane.infra.kube;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.batch.v1.JobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.voiceplane.charts.PostgresStore;
import dev.voiceplane.infra.db.AppRoleScript;
import dev.voiceplane.infra.db.Hashes;
import dev.voiceplane.infra.db.ScramVerifier;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates the services' database login on a managed PostgreSQL server that only the cluster's network
 * reaches (ai-ninja's flexible server has no public endpoint, so no SQL provider on the operator's
 * machine can connect): a Job in the cluster runs {@link AppRoleScript} with psql as the server's
 * administrator, before the app release, which waits for it.
 *
 * <p>What it creates, in a namespace of its own (restricted Pod Security, no mesh, nothing else in it):
 * a Secret with the administrator password and the role's SCRAM verifier (Pulumi secrets: encrypted in
 * state, never printed), a ConfigMap with the script, and the Job. Pulumi waits for a Job to succeed and
 * fails the run when it reaches its backoff limit (https://github.com/pulumi/pulumi-kubernetes/pull/633),
 * so the app release never starts against a database without its role. The Job's pod template carries a
 * hash of everything it applies (script, verifier, server): a changed password or script changes the
 * template, and the Job is replaced and runs again; otherwise nothing runs. psql connects with
 * {@code sslmode=verify-full} against the image's CA bundle, which holds the roots Azure's server
 * certificates chain to (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-ssl-tls).
 */
public final class DatabaseBootstrap extends ComponentResource {
    /** psql 15 from the same pinned image as the in-cluster database; its user is uid 70. */
    static final String IMAGE = PostgresStore.IMAGE;
    static final String SCRIPT = "app-role.sql";
    static final String MOUNT = "/etc/voiceplane";
    /** Alpine's CA bundle (package ca-certificates-bundle, in every Alpine image). */
    static final String CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
    /** The pod template annotation whose change re-runs the Job. */
    public static final String INPUTS_HASH = "voiceplane.dev/inputs-sha256";

    private final Job job;

    /** What to create and where; see {@link #builder}. */
    public static final class Props {
        private final String namespace;
        private final Output<String> host;
        private final String database;
        private final String adminUser;
        private final Output<String> adminPassword;
        private final String role;
        private final Output<String> rolePassword;
        private List<Resource> after = List.of();

        private Props(String namespace, Output<String> host, String database, String adminUser, Output<String> adminPassword,
                      String role, Output<String> rolePassword) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            this.host = Objects.requireNonNull(host, "host");
            this.database = Objects.requireNonNull(database, "database");
            this.adminUser = Objects.requireNonNull(adminUser, "adminUser");
            this.adminPassword = Objects.requireNonNull(adminPassword, "adminPassword");
            this.role = Objects.requireNonNull(role, "role");
            this.rolePassword = Objects.requireNonNull(rolePassword, "rolePassword");
            AppRoleScript.sql(database, role);
        }

        /** What the Job waits for besides the cluster (the database, the server's TLS settings). Default none. */
        public Props after(List<Resource> resources) {
            this.after = List.copyOf(resources);
            return this;
        }
    }

    /**
     * @param namespace     the Job's own namespace, e.g. {@code ai-ninja-bootstrap}
     * @param host          the server's host name (resolves to its private address inside the VNet)
     * @param database      the application database, which must exist (created through the cloud's API)
     * @param adminUser     the server's administrator login
     * @param adminPassword the administrator password (secret)
     * @param role          the login the services use ({@code DB_USERNAME})
     * @param rolePassword  its password (secret), the value the services read as {@code DB_PASSWORD}
     */
    public static Props builder(String namespace, Output<String> host, String database, String adminUser, Output<String> adminPassword,
                                String role, Output<String> rolePassword) {
        return new Props(namespace, host, database, adminUser, adminPassword, role, rolePassword);
    }

    public DatabaseBootstrap(String name, Props p, Provider provider, ComponentResourceOptions options) {
        super("voiceplane:kube:DatabaseBootstrap", name, options);
        Map<String, String> labels = Map.of("app.kubernetes.io/managed-by", "voiceplane", "app.kubernetes.io/component", "database-bootstrap");
        // Its own namespace: the administrator password is readable by no workload of the system.
        var namespace = new Namespace(name + "-namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(p.namespace)
                        .labels(Map.of("app.kubernetes.io/managed-by", "voiceplane",
                                "pod-security.kubernetes.io/enforce", "restricted"))
                        .build()).build(), options(provider, List.of()));
        String script = AppRoleScript.sql(p.database, p.role);
        Output<String> verifier = p.rolePassword.applyValue(pw -> ScramVerifier.of(p.role, pw)).asSecret();
        var secret = new Secret(name + "-credentials", SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("app-role-credentials").namespace(p.namespace).labels(labels).build())
                .type("Opaque")
                .stringData(Output.tuple(p.adminPassword, verifier).applyValue(t -> Map.of(
                        "PGPASSWORD", t.t1,
                        // libpq sends PGOPTIONS as the session's startup options: the verifier becomes a setting, not SQL text.
                        "PGOPTIONS", "-c " + AppRoleScript.VERIFIER_SETTING + "=" + t.t2)).asSecret())
                .build(), CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(namespace)
                .additionalSecretOutputs(List.of("data", "stringData")).build());
        var config = new ConfigMap(name + "-script", ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("app-role-script").namespace(p.namespace).labels(labels).build())
                .data(Map.of(SCRIPT, script)).build(), options(provider, List.of(namespace)));

        Output<String> inputsHash = Output.tuple(verifier, p.host).applyValue(t -> Hashes.sha256Hex(script + "\n" + t.t1 + "\n" + t.t2 + "\n" + p.adminUser));
        var after = new java.util.ArrayList<Resource>(List.of(secret, config));
        after.addAll(p.after);
        this.job = new Job(name + "-job", JobArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("app-role").namespace(p.namespace).labels(labels).build())
                .spec(JobSpecArgs.builder()
                        // A private DNS record or a server still applying its settings can fail the first tries.
                        .backoffLimit(6).activeDeadlineSeconds(900)
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).annotations(inputsHash.applyValue(h -> Map.of(INPUTS_HASH, h))).build())
                                .spec(pod(p)).build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(after)
                // A Job's template cannot change in place: a new one replaces it (and runs), under the same name.
                .replaceOnChanges(List.of("spec")).deleteBeforeReplace(true).build());
        registerOutputs(Map.of());
    }

    private static PodSpecArgs pod(Props p) {
        var container = ContainerArgs.builder()
                .name("psql").image(IMAGE).imagePullPolicy("IfNotPresent")
                // -X: no psqlrc; ON_ERROR_STOP: the first failed statement fails the Job; terse: no statement text in errors.
                .command("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=terse", "-f", MOUNT + "/" + SCRIPT)
                .env(env("PGHOST", p.host), env("PGPORT", Output.of("5432")), env("PGDATABASE", Output.of(p.database)),
                        env("PGUSER", Output.of(p.adminUser)), env("PGSSLMODE", Output.of("verify-full")),
                        env("PGSSLROOTCERT", Output.of(CA_BUNDLE)), env("PGCONNECT_TIMEOUT", Output.of("10")),
                        env("PGAPPNAME", Output.of("voiceplane-bootstrap")), fromSecret("PGPASSWORD"), fromSecret("PGOPTIONS"))
                .volumeMounts(VolumeMountArgs.builder().name("script").mountPath(MOUNT).readOnly(true).build())
                .resources(ResourceRequirementsArgs.builder()
                        .requests(Map.of("cpu", "50m", "memory", "64Mi")).limits(Map.of("cpu", "200m", "memory", "128Mi")).build())
                .securityContext(SecurityContextArgs.builder().allowPrivilegeEscalation(false).readOnlyRootFilesystem(true)
                        .runAsNonRoot(true).capabilities(CapabilitiesArgs.builder().drop("ALL").build()).build())
                .build();
        return PodSpecArgs.builder()
                .restartPolicy("Never").automountServiceAccountToken(false)
                .securityContext(PodSecurityContextArgs.builder().runAsNonRoot(true).runAsUser(PostgresStore.UID)
                        .runAsGroup(PostgresStore.UID).seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build()).build())
                .containers(container)
                .volumes(VolumeArgs.builder().name("script").configMap(ConfigMapVolumeSourceArgs.builder().name("app-role-script").build()).build())
                .build();
    }

    private static EnvVarArgs env(String name, Output<String> value) {
        return EnvVarArgs.builder().name(name).value(value).build();
    }

    private static EnvVarArgs fromSecret(String key) {
        return EnvVarArgs.builder().name(key).valueFrom(EnvVarSourceArgs.builder()
                .secretKeyRef(SecretKeySelectorArgs.builder().name("app-role-credentials").key(key).build()).build()).build();
    }

    private CustomResourceOptions options(Provider provider, List<Resource> after) {
        return CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(after).build();
    }

    /** The Job the app release waits for. */
    public Job job() {
        return job;
    }
}
