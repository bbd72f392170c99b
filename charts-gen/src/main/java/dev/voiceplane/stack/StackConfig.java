package dev.voiceplane.stack;

import dev.voiceplane.catalog.SystemName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One stack, typed and validated: what the CLI reads from {@code stacks/Pulumi.<stack>.yaml} and
 * the Pulumi program reads from its config. Built only by {@link StackConfigParser}, so every
 * instance has passed the same checks.
 *
 * @param name        the stack name, e.g. {@code ai-ninja-production}
 * @param system      the system it deploys
 * @param environment local, staging or production
 * @param cloud       none (a laptop cluster), azure or aws
 * @param region      the cloud region; empty for a local stack
 * @param domain      DNS zone of the public hosts ({@code api.<domain>}, {@code ws.<domain>})
 * @param images      registry and tag of the service images
 * @param replicas    replica bounds of the API services
 * @param workerReplicas replica bounds of background workers (BharatVoice: 2–10)
 * @param podResources  requests and limits of an API service container
 * @param quota       namespace quota and container defaults
 * @param dataStores  in-cluster StatefulSets or cloud-managed stores
 * @param tls         cert-manager issuer for ingress certificates
 * @param istio       whether pods get the Istio sidecar
 * @param managedStores where managed PostgreSQL and Redis answer; {@link ManagedStores#NONE} in-cluster
 * @param cloudIdentities vault, backup destination and the workload identities reading/writing them
 * @param appSettings the system's ConfigMap content: guide defaults with the stack's overrides
 * @param acmeEmail   where Let's Encrypt sends certificate expiry notices ({@code voiceplane:acmeEmail},
 *                    default {@code hostmaster@<domain>}); empty when {@code tls} is none
 * @param clusterFeatures what the cluster enforces and serves ({@code voiceplane:cluster}): the CNI
 *                    enforcing NetworkPolicies, the custom metrics server of the HPAs
 * @param services    every catalog service of the system, in catalog order: its replicas, resources and HPA
 *                    targets ({@code voiceplane:services}, else the system-wide values above)
 */
public record StackConfig(
        String name,
        SystemName system,
        Environment environment,
        Cloud cloud,
        String region,
        String domain,
        Images images,
        Replicas replicas,
        Replicas workerReplicas,
        ResourceBudget podResources,
        NamespaceQuota quota,
        DataStoreMode dataStores,
        TlsIssuer tls,
        boolean istio,
        ManagedStores managedStores,
        CloudIdentities cloudIdentities,
        Map<String, String> appSettings,
        String acmeEmail,
        ClusterFeatures clusterFeatures,
        Map<String, ServiceSettings> services) {

    public StackConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(workerReplicas, "workerReplicas");
        Objects.requireNonNull(podResources, "podResources");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(dataStores, "dataStores");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(acmeEmail, "acmeEmail");
        Objects.requireNonNull(managedStores, "managedStores");
        Objects.requireNonNull(cloudIdentities, "cloudIdentities");
        Objects.requireNonNull(clusterFeatures, "clusterFeatures");
        appSettings = Collections.unmodifiableMap(new TreeMap<>(appSettings));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /**
     * This stack with the values only the cloud knows after creating its resources (workload identities,
     * file system id, registry): infra synthesizes the charts again with them in the same
     * {@code pulumi up}, so the stack file need not carry generated ids.
     */
    public StackConfig withDeployTimeValues(CloudIdentities identities, String registry) {
        return new StackConfig(name, system, environment, cloud, region, domain, new Images(registry, images.tag()), replicas,
                workerReplicas, podResources, quota, dataStores, tls, istio, managedStores, identities, appSettings, acmeEmail, clusterFeatures,
                services);
    }

    /**
     * The replicas, resources and HPA targets of one of the system's services.
     *
     * @throws IllegalArgumentException for a name that is no service of the system
     */
    public ServiceSettings service(String serviceName) {
        ServiceSettings settings = services.get(serviceName);
        if (settings == null) {
            throw new IllegalArgumentException("no " + system.id() + " service is named '" + serviceName + "'; its services are "
                    + String.join(", ", services.keySet()));
        }
        return settings;
    }

    /** The Kubernetes namespace: one per system. */
    public String namespace() {
        return system.id();
    }
}
