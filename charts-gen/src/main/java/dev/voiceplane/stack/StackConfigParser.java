package dev.voiceplane.stack;

import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.SystemName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses the {@code config:} block of a Pulumi stack file into a {@link StackConfig}: one parser,
 * one set of defaults and one set of messages for the CLI and the Pulumi program alike.
 *
 * <p>Keys live in the {@code voiceplane:} namespace, as Pulumi requires; keys of other namespaces
 * ({@code azure-native:location}, {@code kubernetes:context}) belong to providers and are left alone.
 * Every problem is collected and reported together, each with file, line and key.
 */
public final class StackConfigParser {
    static final String NAMESPACE = "voiceplane:";

    private static final Pattern DNS_NAME = Pattern.compile("^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]{2,}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)+[a-z]{2,}$");
    private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");
    /** Four numbers 0-255 and a prefix length 0-32: what a NetworkPolicy ipBlock accepts. */
    private static final Pattern CIDR = Pattern.compile(
            "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$");
    /**
     * A label value: the stack name is one on every object ({@code voiceplane.dev/stack})
     * (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set).
     */
    private static final Pattern LABEL_VALUE = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$");
    private static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Pattern ROLE_ARN = Pattern.compile("^arn:aws:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$");
    private static final Pattern KEY_VAULT_URL = Pattern.compile("^https://[a-z0-9-]{3,24}\\.vault\\.azure\\.net/$");
    private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
    private static final Pattern EFS_ID = Pattern.compile("^fs-[0-9a-f]{8,17}$");
    private static final Pattern STORAGE_ACCOUNT = Pattern.compile("^[a-z0-9]{3,24}$");
    private static final Pattern REGISTRY = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9._-]+)*$");
    /** Regions in India; BharatVoice's user data must stay there (guide: "Data Residency"). */
    private static final Set<String> INDIAN_AWS_REGIONS = Set.of("ap-south-1", "ap-south-2");
    /** Top-level keys Pulumi itself writes into stack files. */
    private static final Set<String> PULUMI_TOP_LEVEL = Set.of("config", "encryptionsalt", "secretsprovider", "encryptedkey", "environment");

    private StackConfigParser() {
    }

    /**
     * @param file      how to name the file in messages, e.g. {@code stacks/Pulumi.local.yaml}
     * @param stackName the stack's name
     * @param text      the file's content
     * @throws StackConfigException listing every problem found
     */
    public static StackConfig parse(String file, String stackName, String text) {
        LocatedYaml yaml = LocatedYaml.parse(file, text);
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigReader top = new ConfigReader(file, yaml, yaml.root(), "", "", problems);
        // Keys are named as Pulumi users write them (voiceplane:replicas.min), without the config. prefix.
        ConfigReader config = top.object("config", "");
        if (!top.has("config")) {
            top.problem("config", "is required: a stack file holds its settings under 'config:'");
        }
        top.rejectUnknownKeys(PULUMI_TOP_LEVEL);
        if (!LABEL_VALUE.matcher(stackName).matches()) {
            problems.add(new ConfigProblem(file, 0, "stack name", "'" + stackName + "' is not a valid Kubernetes label value (at most 63 "
                    + "letters, digits, '-', '_' or '.', starting and ending with a letter or digit); rename the stack file"));
        }
        StackConfig result = read(stackName, config, problems);
        rejectUnknownVoiceplaneKeys(config, yaml);
        if (!problems.isEmpty()) {
            throw new StackConfigException(problems);
        }
        return result;
    }

    private static StackConfig read(String stackName, ConfigReader c, List<ConfigProblem> problems) {
        String systemId = c.requiredString(NAMESPACE + "system", "one of: ai-ninja, bharatvoice");
        SystemName system = SystemName.AI_NINJA;
        try {
            if (!systemId.isEmpty()) {
                system = SystemName.fromId(systemId);
            }
        } catch (IllegalArgumentException e) {
            c.problem(NAMESPACE + "system", e.getMessage());
        }
        Environment environment = c.choice(NAMESPACE + "environment", Environment.LOCAL, Environment.class, Environment::id);
        Cloud cloud = c.choice(NAMESPACE + "cloud", Cloud.NONE, Cloud.class, Cloud::id);
        String region = c.string(NAMESPACE + "region", "");
        String domain = c.matching(NAMESPACE + "domain", system.id() + ".localtest.me", DNS_NAME, "a DNS name such as example.com");

        ConfigReader img = c.object(NAMESPACE + "images");
        Images images = new Images(
                img.matching("registry", "", REGISTRY, "a registry host such as myregistry.azurecr.io"),
                img.matching("tag", "0.1.0", TAG, "a valid image tag"));
        img.rejectUnknownKeys();
        if ("latest".equals(images.tag())) {
            img.problem("tag", "'latest' is not allowed: pin a version so rollbacks and diffs mean something");
        }

        Replicas defaultReplicas = environment == Environment.PRODUCTION ? Replicas.PRODUCTION : new Replicas(1, 1);
        Replicas replicas = replicas(c.object(NAMESPACE + "replicas"), defaultReplicas);
        Replicas defaultWorkers = environment == Environment.PRODUCTION ? new Replicas(2, 10) : new Replicas(1, 1);
        Replicas workerReplicas = replicas(c.object(NAMESPACE + "workerReplicas"), defaultWorkers);
        if (environment == Environment.PRODUCTION && replicas.min() < 3) {
            c.problem(NAMESPACE + "replicas", "production needs at least 3 replicas for high availability, got min=" + replicas.min());
        }

        int beforeResources = problems.size();
        ConfigReader res = c.object(NAMESPACE + "podResources");
        ResourceBudget guide = ResourceBudget.GUIDE_APP_POD;
        ResourceBudget podResources = new ResourceBudget(
                res.quantity("requestCpu", guide.requestCpu()), res.quantity("requestMemory", guide.requestMemory()),
                res.quantity("limitCpu", guide.limitCpu()), res.quantity("limitMemory", guide.limitMemory()));
        res.rejectUnknownKeys();
        boolean resourcesParsed = problems.size() == beforeResources;
        if (resourcesParsed) {
            requestWithinLimit(res, "requestCpu", podResources.requestCpu(), "limitCpu", podResources.limitCpu(), CONTAINER_REFUSED);
            requestWithinLimit(res, "requestMemory", podResources.requestMemory(), "limitMemory", podResources.limitMemory(), CONTAINER_REFUSED);
        }

        int beforeQuota = problems.size();
        ConfigReader q = c.object(NAMESPACE + "quota");
        NamespaceQuota g = NamespaceQuota.GUIDE;
        NamespaceQuota quota = new NamespaceQuota(
                q.quantity("requestsCpu", g.requestsCpu()), q.quantity("requestsMemory", g.requestsMemory()),
                q.quantity("limitsCpu", g.limitsCpu()), q.quantity("limitsMemory", g.limitsMemory()),
                q.quantity("defaultCpu", g.defaultCpu()), q.quantity("defaultMemory", g.defaultMemory()),
                q.quantity("defaultRequestCpu", g.defaultRequestCpu()), q.quantity("defaultRequestMemory", g.defaultRequestMemory()));
        q.rejectUnknownKeys();
        if (problems.size() == beforeQuota) {
            requestWithinLimit(q, "defaultRequestCpu", quota.defaultRequestCpu(), "defaultCpu", quota.defaultCpu(), LIMIT_RANGE_REFUSED);
            requestWithinLimit(q, "defaultRequestMemory", quota.defaultRequestMemory(), "defaultMemory", quota.defaultMemory(),
                    LIMIT_RANGE_REFUSED);
        }
        boolean quotaParsed = problems.size() == beforeQuota && resourcesParsed;

        DataStoreMode dataStores = c.choice(NAMESPACE + "dataStores",
                cloud == Cloud.NONE ? DataStoreMode.IN_CLUSTER : DataStoreMode.MANAGED, DataStoreMode.class, DataStoreMode::id);
        TlsIssuer tls = c.choice(NAMESPACE + "tls",
                environment == Environment.PRODUCTION ? TlsIssuer.LETSENCRYPT_PRODUCTION
                        : environment == Environment.STAGING ? TlsIssuer.LETSENCRYPT_STAGING : TlsIssuer.NONE,
                TlsIssuer.class, TlsIssuer::id);
        boolean istio = c.bool(NAMESPACE + "istio", system == SystemName.AI_NINJA && environment != Environment.LOCAL);
        Map<String, ServiceSettings> services = ServiceSettingsReader.read(c.object(ServiceSettingsReader.KEY), system, environment,
                replicas, workerReplicas, podResources);
        if (quotaParsed) {
            quotaHoldsOnePod(q, quota, largest(podResources, services.values()), istio);
        }
        String acmeEmail = c.matching(NAMESPACE + "acmeEmail", "", EMAIL, "an email address such as ops@example.com");

        ManagedStores managedStores = managedStores(c.object(NAMESPACE + "managedStores"), dataStores);
        CloudIdentities identities = cloudIdentities(c.object(NAMESPACE + "vault"), c.object(NAMESPACE + "backups"),
                c.object(NAMESPACE + "storage"), system, cloud, dataStores);
        ClusterFeatures cluster = clusterFeatures(c.object(NAMESPACE + "cluster"), cloud, environment);
        Map<String, String> appSettings = AppSettings.read(c.object(NAMESPACE + "config"), stackName, system, environment, cloud,
                region, istio);

        // Rules that span keys.
        if (cloud == Cloud.NONE && dataStores == DataStoreMode.MANAGED) {
            c.problem(NAMESPACE + "dataStores", "'managed' needs a cloud; a local stack runs PostgreSQL and Redis in the cluster");
        }
        if (cloud != Cloud.NONE && region.isEmpty()) {
            c.problem(NAMESPACE + "region", "is required when cloud is '" + cloud.id() + "'");
        }
        if (cloud == Cloud.NONE && !region.isEmpty()) {
            c.problem(NAMESPACE + "region", "has no meaning without a cloud; remove it or set voiceplane:cloud");
        }
        if (environment == Environment.PRODUCTION && tls == TlsIssuer.NONE) {
            c.problem(NAMESPACE + "tls", "production must serve TLS; use letsencrypt-production");
        }
        if (tls != TlsIssuer.NONE && acmeEmail.isEmpty()) {
            // RFC 2142's mailbox for a DNS zone: someone reads it, or the zone is misconfigured anyway.
            acmeEmail = "hostmaster@" + domain;
        }
        if (system == SystemName.BHARATVOICE && cloud == Cloud.AWS && !region.isEmpty() && !INDIAN_AWS_REGIONS.contains(region)) {
            c.problem(NAMESPACE + "region", "BharatVoice user data must stay in India (data residency); use ap-south-1 or ap-south-2, not " + region);
        }
        if (system == SystemName.BHARATVOICE && cloud == Cloud.AZURE) {
            c.problem(NAMESPACE + "cloud", "BharatVoice runs on AWS (S3 backups, Indian region); use aws or none");
        }

        return new StackConfig(stackName, system, environment, cloud, region, domain, images, replicas, workerReplicas,
                podResources, quota, dataStores, tls, istio, managedStores, identities, appSettings, acmeEmail, cluster, services);
    }

    private static ClusterFeatures clusterFeatures(ConfigReader r, Cloud cloud, Environment environment) {
        ClusterFeatures defaults = ClusterFeatures.defaultFor(cloud);
        List<String> enforcers = new ArrayList<>(ClusterFeatures.ENFORCERS);
        enforcers.add(ClusterFeatures.NONE);
        List<String> servers = new ArrayList<>(ClusterFeatures.METRICS_SERVERS);
        servers.add(ClusterFeatures.NONE);
        String policies = r.oneOf("networkPolicies", defaults.networkPolicies(), enforcers);
        String metrics = r.oneOf("customMetrics", defaults.customMetrics(), servers);
        r.rejectUnknownKeys();
        // Without a cloud the cluster is unknown and nothing is assumed; a cloud stack must name its enforcer.
        if (environment != Environment.LOCAL && cloud != Cloud.NONE && policies.equals(ClusterFeatures.NONE)) {
            r.problem("networkPolicies", "'none' leaves the default-deny NetworkPolicies of a " + environment.id()
                    + " stack unenforced; name the CNI that enforces them (" + String.join(", ", ClusterFeatures.ENFORCERS) + ")");
        }
        return new ClusterFeatures(policies, metrics);
    }

    private static final String CONTAINER_REFUSED = "Kubernetes refuses a container whose request exceeds its limit";
    private static final String LIMIT_RANGE_REFUSED = "Kubernetes refuses a LimitRange whose default request exceeds its default limit";

    /**
     * "Requests cannot exceed limits": the API server refuses such a container, and such a LimitRange
     * (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/). Called only
     * when the quantities parsed.
     */
    private static void requestWithinLimit(ConfigReader r, String requestKey, String request, String limitKey, String limit,
                                           String refusal) {
        if (Quantity.exceeds(request, limit)) {
            r.problem(requestKey, request + " is above " + limitKey + " " + limit + ": " + refusal);
        }
    }

    /**
     * ResourceQuota admission refuses a pod the quota cannot hold; a quota below one service pod (its
     * container, and the mesh's proxy where the stack has one) admits none.
     */
    private static void quotaHoldsOnePod(ConfigReader q, NamespaceQuota quota, ResourceBudget pod, boolean mesh) {
        ResourceBudget proxy = ResourceBudget.MESH_SIDECAR;
        holdsOnePod(q, "requestsCpu", quota.requestsCpu(), pod.requestCpu(), mesh ? proxy.requestCpu() : null, "'s requests");
        holdsOnePod(q, "requestsMemory", quota.requestsMemory(), pod.requestMemory(), mesh ? proxy.requestMemory() : null, "'s requests");
        holdsOnePod(q, "limitsCpu", quota.limitsCpu(), pod.limitCpu(), mesh ? proxy.limitCpu() : null, "'s limit");
        holdsOnePod(q, "limitsMemory", quota.limitsMemory(), pod.limitMemory(), mesh ? proxy.limitMemory() : null, "'s limit");
    }

    /** Each quantity's largest value over the system-wide budget and every service's: the biggest pod the quota must hold. */
    private static ResourceBudget largest(ResourceBudget podResources, java.util.Collection<ServiceSettings> services) {
        ResourceBudget max = podResources;
        for (ServiceSettings s : services) {
            ResourceBudget r = s.resources();
            max = new ResourceBudget(larger(max.requestCpu(), r.requestCpu()), larger(max.requestMemory(), r.requestMemory()),
                    larger(max.limitCpu(), r.limitCpu()), larger(max.limitMemory(), r.limitMemory()));
        }
        return max;
    }

    private static String larger(String a, String b) {
        return Quantity.exceeds(b, a) ? b : a;
    }

    private static void holdsOnePod(ConfigReader q, String key, String quota, String container, String proxy, String what) {
        java.math.BigDecimal onePod = Quantity.value(container).add(proxy == null ? java.math.BigDecimal.ZERO : Quantity.value(proxy));
        if (onePod.compareTo(Quantity.value(quota)) > 0) {
            q.problem(key, quota + " is less than one pod" + what + " (" + container + (proxy == null ? "" : " + mesh proxy " + proxy)
                    + "): the namespace could run no pod at all");
        }
    }

    private static ManagedStores managedStores(ConfigReader m, DataStoreMode mode) {
        String postgres = m.matching("postgresHost", "", DNS_NAME, "a DNS name such as ai-ninja.postgres.database.azure.com");
        String redis = m.matching("redisHost", "", DNS_NAME, "a DNS name such as ai-ninja.redis.cache.windows.net");
        String cidr = m.matching("cidr", ManagedStores.DEFAULT_CIDR, CIDR,
                "an IPv4 CIDR such as 10.0.0.0/8 (four numbers 0-255 and a prefix length 0-32)");
        m.rejectUnknownKeys();
        if (mode != DataStoreMode.MANAGED) {
            if (!m.keys().isEmpty()) {
                m.problem("", "only applies when voiceplane:dataStores is 'managed'; remove it");
            }
            return ManagedStores.NONE;
        }
        if (postgres.isEmpty()) {
            m.problem("postgresHost", "is required when voiceplane:dataStores is 'managed' (infra's PostgreSQL server name)");
        }
        if (redis.isEmpty()) {
            m.problem("redisHost", "is required when voiceplane:dataStores is 'managed' (infra's Redis host name)");
        }
        return new ManagedStores(postgres, redis, cidr);
    }

    private static CloudIdentities cloudIdentities(ConfigReader vault, ConfigReader backups, ConfigReader storage,
                                                   SystemName system, Cloud cloud, DataStoreMode mode) {
        Pattern identity = cloud == Cloud.AWS ? ROLE_ARN : UUID;
        String identityHint = cloud == Cloud.AWS ? "an IAM role ARN such as arn:aws:iam::123456789012:role/eso"
                : "a workload identity client id (a UUID)";
        String vaultUrl = vault.matching("url", "", KEY_VAULT_URL, "a Key Vault URL such as https://ai-ninja-prod-kv.vault.azure.net/");
        String vaultIdentity = vault.matching("identity", "", identity, identityHint);
        String tenant = vault.matching("tenantId", "", UUID, "a Microsoft Entra tenant id (a UUID)");
        vault.rejectUnknownKeys();
        String bucket = backups.matching("bucket", "", BUCKET, "a bucket or container name (lower case, digits, '-', '.')");
        String account = backups.matching("account", "", STORAGE_ACCOUNT, "an Azure storage account name (3-24 lower-case letters and digits)");
        String backupIdentity = backups.matching("identity", "", identity, identityHint);
        backups.rejectUnknownKeys();
        String efs = storage.matching("efsFileSystemId", "", EFS_ID, "an EFS file system id such as fs-0123456789abcdef0");
        storage.rejectUnknownKeys();
        if (cloud != Cloud.AWS && !efs.isEmpty()) {
            storage.problem("efsFileSystemId", "has no meaning off aws; Azure Files and local volumes need no file system id");
        }
        if (cloud == Cloud.NONE) {
            if (!vault.keys().isEmpty() || !backups.keys().isEmpty()) {
                vault.problem("", "has no meaning without a cloud: a local stack reads secrets from the cluster and backs up to a volume");
            }
            return CloudIdentities.NONE;
        }
        // The generated values (identities, their tenant, the EFS id) may be absent: infra creates them and synthesizes
        // the charts again with them in the same `pulumi up` (StackConfig.withDeployTimeValues), so the
        // file need not carry ids that exist only after a first run. Plain synth then leaves them empty.
        // A client id given in the file needs its tenant there too; absent, infra supplies both.
        if (cloud == Cloud.AZURE && tenant.isEmpty() && vault.has("identity")) {
            // External Secrets' Key Vault provider exchanges the workload identity token at the tenant's
            // endpoint and stops with "missing tenantID" without it
            // (https://external-secrets.io/latest/provider/azure-key-vault/).
            vault.problem("tenantId", "is required on azure: the Entra tenant of the workload identity (az account show --query tenantId)");
        }
        if (cloud != Cloud.AZURE && !tenant.isEmpty()) {
            vault.problem("tenantId", "has no meaning off azure");
        }
        if (cloud == Cloud.AZURE && vaultUrl.isEmpty()) {
            vault.problem("url", "is required on azure: the Key Vault URL, e.g. https://ai-ninja-prod-kv.vault.azure.net/");
        }
        if (cloud == Cloud.AWS && !vaultUrl.isEmpty()) {
            vault.problem("url", "has no meaning on aws: Secrets Manager is addressed by the stack's region");
        }
        if (mode == DataStoreMode.IN_CLUSTER) {
            // In-cluster stores are backed up by our CronJobs; managed ones by their cloud service.
            if (bucket.isEmpty()) {
                backups.problem("bucket", "is required for in-cluster data stores on " + cloud.id() + ": where backups are uploaded");
            }
            if (cloud == Cloud.AZURE && account.isEmpty()) {
                backups.problem("account", "is required on azure: the storage account holding the backup container");
            }
        }
        return new CloudIdentities(vaultUrl, vaultIdentity, bucket, account, backupIdentity, efs, tenant);
    }

    /** Whether the system's services declare a data directory, which several replicas share. */
    public static boolean hasSharedData(SystemName system) {
        return ServiceCatalog.of(system).stream()
                .anyMatch(s -> s.declares(Env.DATA_DIR));
    }

    private static Replicas replicas(ConfigReader r, Replicas fallback) {
        int min = r.integer("min", fallback.min(), 1, 100);
        int max = r.integer("max", Math.max(min, fallback.max()), 1, 100);
        r.rejectUnknownKeys();
        if (max < min) {
            r.problem("max", "must not be below min (" + min + "), got " + max);
            return new Replicas(min, min);
        }
        return new Replicas(min, max);
    }

    /** Keys in our namespace that nobody read are typos; other namespaces belong to providers. */
    private static void rejectUnknownVoiceplaneKeys(ConfigReader config, LocatedYaml yaml) {
        var node = yaml.root().path("config");
        List<String> foreign = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!k.startsWith(NAMESPACE)) {
                foreign.add(k);
            }
        });
        config.rejectUnknownKeys(Set.copyOf(foreign));
    }
}
