package dev.voiceplane.stack;

import dev.voiceplane.catalog.SystemName;
import java.util.ArrayList;
import java.util.List;
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
    private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");
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

        ConfigReader res = c.object(NAMESPACE + "podResources");
        ResourceBudget guide = ResourceBudget.GUIDE_APP_POD;
        ResourceBudget podResources = new ResourceBudget(
                res.quantity("requestCpu", guide.requestCpu()), res.quantity("requestMemory", guide.requestMemory()),
                res.quantity("limitCpu", guide.limitCpu()), res.quantity("limitMemory", guide.limitMemory()));
        res.rejectUnknownKeys();

        ConfigReader q = c.object(NAMESPACE + "quota");
        NamespaceQuota g = NamespaceQuota.GUIDE;
        NamespaceQuota quota = new NamespaceQuota(
                q.quantity("requestsCpu", g.requestsCpu()), q.quantity("requestsMemory", g.requestsMemory()),
                q.quantity("limitsCpu", g.limitsCpu()), q.quantity("limitsMemory", g.limitsMemory()),
                q.quantity("defaultCpu", g.defaultCpu()), q.quantity("defaultMemory", g.defaultMemory()),
                q.quantity("defaultRequestCpu", g.defaultRequestCpu()), q.quantity("defaultRequestMemory", g.defaultRequestMemory()));
        q.rejectUnknownKeys();

        DataStoreMode dataStores = c.choice(NAMESPACE + "dataStores",
                cloud == Cloud.NONE ? DataStoreMode.IN_CLUSTER : DataStoreMode.MANAGED, DataStoreMode.class, DataStoreMode::id);
        TlsIssuer tls = c.choice(NAMESPACE + "tls",
                environment == Environment.PRODUCTION ? TlsIssuer.LETSENCRYPT_PRODUCTION
                        : environment == Environment.STAGING ? TlsIssuer.LETSENCRYPT_STAGING : TlsIssuer.NONE,
                TlsIssuer.class, TlsIssuer::id);
        boolean istio = c.bool(NAMESPACE + "istio", system == SystemName.AI_NINJA && environment != Environment.LOCAL);

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
        if (system == SystemName.BHARATVOICE && cloud == Cloud.AWS && !region.isEmpty() && !INDIAN_AWS_REGIONS.contains(region)) {
            c.problem(NAMESPACE + "region", "BharatVoice user data must stay in India (data residency); use ap-south-1 or ap-south-2, not " + region);
        }
        if (system == SystemName.BHARATVOICE && cloud == Cloud.AZURE) {
            c.problem(NAMESPACE + "cloud", "BharatVoice runs on AWS (S3 backups, Indian region); use aws or none");
        }

        return new StackConfig(stackName, system, environment, cloud, region, domain, images, replicas, workerReplicas,
                podResources, quota, dataStores, tls, istio);
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
