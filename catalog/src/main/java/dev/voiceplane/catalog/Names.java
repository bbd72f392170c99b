package dev.voiceplane.catalog;

import java.util.Objects;

/**
 * Every name derived from a system or a stack's domain that more than one module writes: the manifests
 * (charts-gen), the clouds behind them (infra: workload identities federated to a service account),
 * the CLI (backup and restore find objects by them) and the services. One place, so a renamed Secret
 * cannot leave a federated credential pointing at the old service account.
 *
 * @param system the id of the system the names belong to ({@link SystemName#id()}), which is also its namespace
 */
public record Names(String system) {
    /**
     * The cluster's DNS domain: Services answer at {@code <service>.<namespace>.svc.<domain>}
     * (https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#services). Every
     * managed cluster the stacks target (AKS, EKS, kind, k3d) keeps the default.
     */
    public static final String CLUSTER_DOMAIN = "cluster.local";

    /**
     * The key prefix voice media passes through in a stack's media bucket: the worker puts recordings and
     * transcripts under it; infra's lifecycle rule expires only it and the worker's IAM policy admits only it.
     */
    public static final String VOICE_MEDIA_PREFIX = "voice/";

    private static final java.util.regex.Pattern DNS_LABEL = java.util.regex.Pattern.compile("[a-z]([-a-z0-9]{0,40}[a-z0-9])?");

    public Names {
        Objects.requireNonNull(system, "system");
        if (!DNS_LABEL.matcher(system).matches()) {
            // Every name below is a Kubernetes object name built on it; 42 characters leave room for the longest suffix.
            throw new IllegalArgumentException("system id '" + system + "' is not a DNS label of at most 42 characters");
        }
    }

    public static Names of(SystemName system) {
        return new Names(system.id());
    }

    /** The Kubernetes namespace: one per system. */
    public String namespace() {
        return system;
    }

    /** The ConfigMap of the services' CONFIG_MAP variables. */
    public String configMap() {
        return system + "-config";
    }

    /** The Secret of the services' SECRET variables, which External Secrets fills from the vault. */
    public String appSecrets() {
        return system + "-secrets";
    }

    /** The ServiceAccount External Secrets reads the vault as; infra federates the vault identity to it. */
    public String vaultReader() {
        return system + "-vault-reader";
    }

    /** The ServiceAccount the backup Jobs run as; infra federates the backup writer identity to it. */
    public String backupAccount() {
        return system + "-backup";
    }

    /** The Secret of the backup Jobs' credentials and encryption key. */
    public String backupSecrets() {
        return system + "-backup-secrets";
    }

    /** The Secret holding the private key {@code voiceplane restore} decrypts backups with. */
    public String restoreKey() {
        return system + "-backup-restore-key";
    }

    /** The namespace of the node log shipper, apart from the system's restricted one (it reads host paths). */
    public String logsNamespace() {
        return system + "-logs";
    }

    /** The Secret a stack without a cloud vault keeps its values in, created by hand or by infra. */
    public String localSecrets() {
        return system + "-local-secrets";
    }

    /** The claim of application data every replica of a file-handling service shares; a backup job copies it weekly. */
    public String dataClaim() {
        return system + "-data";
    }

    /** The claim of the same services' downloaded models, a cache that refills. */
    public String modelCacheClaim() {
        return system + "-model-cache";
    }

    /** The claim of the same services' log files (the same name as {@link #logsNamespace()}, a different kind). */
    public String logsClaim() {
        return system + "-logs";
    }

    /** The claim a stack without a cloud keeps its backups on. */
    public String localBackupsClaim() {
        return system + "-backups";
    }

    /**
     * The vault secret holding one environment's values where the vault keeps one JSON secret per system and
     * environment (AWS Secrets Manager): infra creates it, the ExternalSecrets read it.
     */
    public String vaultSecret(String environment) {
        return system + "/" + environment;
    }

    /**
     * Where one kind of backup ({@code postgres}, {@code redis}, {@code data}) goes inside the bucket or container:
     * the jobs upload under it, infra's lifecycle rules expire under it and its IAM policy admits only the system's.
     */
    public String backupPrefix(String kind) {
        return system + "/" + kind;
    }

    /**
     * How the system's Amazon Transcribe jobs are named ({@code <prefix><recording>-<random>}): the worker names
     * them so, and infra's IAM policy admits transcription jobs under it only.
     */
    public String transcriptionJobPrefix() {
        return system + "-";
    }

    /**
     * The subject of a workload identity token for one of the namespace's ServiceAccounts, which the cloud's
     * federated credential must name exactly (https://azure.github.io/azure-workload-identity/docs/topics/federated-identity-credential.html,
     * https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html).
     */
    public String serviceAccountSubject(String serviceAccount) {
        return "system:serviceaccount:" + namespace() + ":" + serviceAccount;
    }

    /** The token subject of {@link #vaultReader()}, which the vault identity's federated credential names. */
    public String vaultReaderSubject() {
        return serviceAccountSubject(vaultReader());
    }

    /** The token subject of {@link #backupAccount()}, which the backup writer identity's federated credential names. */
    public String backupSubject() {
        return serviceAccountSubject(backupAccount());
    }

    /** A Service's name inside the cluster, {@code <service>.<namespace>.svc.cluster.local}. */
    public String serviceHost(String service) {
        return serviceHost(service, namespace());
    }

    /** Where a Service of the namespace answers plain HTTP on {@code port}, as callers are told (the catalog's {@code <SERVICE>_URL}). */
    public String serviceUrl(String service, int port) {
        return serviceUrl(service, namespace(), port);
    }

    /** Where a Service of a namespace of its own answers plain HTTP on {@code port}. */
    public static String serviceUrl(String service, String namespace, int port) {
        return "http://" + serviceHost(service, namespace) + ":" + port;
    }

    /** A Service's name inside the cluster for a namespace of its own (monitoring's, logging's). */
    public static String serviceHost(String service, String namespace) {
        return service + "." + namespace + ".svc." + CLUSTER_DOMAIN;
    }

    /** The public host of the HTTP APIs. */
    public static String apiHost(String domain) {
        return "api." + domain;
    }

    /** The public host of the WebSocket endpoints. */
    public static String wsHost(String domain) {
        return "ws." + domain;
    }
}
