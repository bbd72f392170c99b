package dev.voiceplane.systems;

import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.AppConfig;
import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.charts.DataStores;
import dev.voiceplane.charts.Flow;
import dev.voiceplane.charts.Microservice;
import dev.voiceplane.charts.NetworkPolicies;
import dev.voiceplane.charts.StorageTier;
import dev.voiceplane.charts.StorageTiers;
import dev.voiceplane.charts.VaultSecrets;
import dev.voiceplane.charts.WalArchiving;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.stack.DataStoreMode;
import dev.voiceplane.stack.Environment;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackConfigParser;
import dev.voiceplane.stack.TlsIssuer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What both systems run besides their services, decided from the stack and the catalog: storage
 * classes and shared volumes, PostgreSQL and Redis (or the pointers to managed ones), the ConfigMap,
 * secrets from the vault, backups of in-cluster data, and the network policies that admit exactly
 * the declared connections.
 */
final class SystemPlatform {
    /** Sizes of the volumes the guides leave open. */
    static final String DATA_SIZE = "50Gi";
    static final String LOGS_SIZE = "20Gi";
    static final String MODEL_CACHE_SIZE = "20Gi";
    static final String POSTGRES_SIZE = "20Gi";
    static final String REDIS_SIZE = "5Gi";
    static final String LOCAL_BACKUPS_SIZE = "20Gi";
    /** Where cert-manager's HTTP-01 solver pods listen. */
    static final int ACME_SOLVER_PORT = 8089;

    private SystemPlatform() {
    }

    /**
     * Volumes every replica of a service with a data directory shares (BharatVoice guide: "Persistent
     * volumes for data and logs", "Model caching in persistent volumes"). Empty for systems without.
     */
    static List<StorageTiers.Claim> sharedClaims(StackConfig stack) {
        if (!StackConfigParser.hasSharedData(stack.system())) {
            return List.of();
        }
        String s = stack.system().id();
        return List.of(new StorageTiers.Claim(s + "-data", StorageTier.SHARED_FILES, DATA_SIZE),
                new StorageTiers.Claim(s + "-logs", StorageTier.SHARED_FILES, LOGS_SIZE,
                        "application log files: every line is also shipped to Loki and kept there for its retention period"),
                new StorageTiers.Claim(s + "-model-cache", StorageTier.SHARED_FILES, MODEL_CACHE_SIZE,
                        "a cache: the services download the models again when it is empty"));
    }

    /** Where a service mounts the shared volumes: data at its DATA_DIR, models inside it, logs apart. */
    static List<Microservice.ClaimMount> mounts(ServiceSpec spec, StackConfig stack) {
        if (spec.env().stream().noneMatch(v -> v.name().equals(Env.DATA_DIR)) || sharedClaims(stack).isEmpty()) {
            return List.of();
        }
        String s = stack.system().id();
        return List.of(new Microservice.ClaimMount(s + "-data", ServiceEndpoints.DATA_MOUNT),
                new Microservice.ClaimMount(s + "-model-cache", ServiceEndpoints.DATA_MOUNT + "/models"),
                new Microservice.ClaimMount(s + "-logs", "/var/log/" + s));
    }

    /** Adds everything but the services, ingress and monitoring; {@code extraFlows} are other constructs' connections. */
    static void addTo(ComponentCharts charts, List<Flow> extraFlows) {
        StackConfig stack = charts.stack();
        SystemName system = stack.system();
        String ns = stack.namespace();
        boolean inCluster = stack.dataStores() == DataStoreMode.IN_CLUSTER;
        String configMap = SystemServices.configMapName(stack);
        String secret = SystemServices.secretName(stack);
        String backupSecret = system.id() + "-backup-secrets";

        List<StorageTiers.Claim> claims = new ArrayList<>(sharedClaims(stack));
        String localBackups = system.id() + "-backups";
        if (inCluster && stack.cloud() == Cloud.NONE) {
            claims.add(new StorageTiers.Claim(localBackups, StorageTier.BULK, LOCAL_BACKUPS_SIZE));
        }
        // The classes are cluster-wide (shared by the systems on a cluster); the claims are the system's own.
        new StorageTiers(charts.get(Component.CLUSTER), "storage", new StorageTiers.Props(stack.cloud(), ns,
                stack.cloudIdentities().efsFileSystemId(), Microservice.RUN_AS, claims));
        for (StorageTiers.Claim claim : claims) {
            StorageTiers.claim(charts.get(Component.STORAGE), stack.cloud(), ns, claim);
        }

        new AppConfig(charts.get(Component.CONFIG_SECURITY), "app-config", configMap, ns, stack.appSettings());

        DataStores dataStores = new DataStores(charts, "data-stores", new DataStores.Props(ns, !inCluster, stack.managedStores().postgresHost(),
                stack.managedStores().redisHost(), configMap, secret, POSTGRES_SIZE, REDIS_SIZE,
                // A laptop cluster has no VPA; everywhere else the stores get recommendations like the services.
                stack.environment() != Environment.LOCAL));

        List<Flow> flows = new ArrayList<>(extraFlows);
        Map<DataStore, CatalogFlows.StoreAt> stores = new EnumMap<>(DataStore.class);
        for (DataStore store : DataStore.values()) {
            stores.put(store, new CatalogFlows.StoreAt(
                    inCluster ? Flow.Peer.workload(store.id()) : Flow.Peer.network(stack.managedStores().cidr()),
                    store == DataStore.REDIS ? ServiceEndpoints.redisPort(stack) : store.port()));
        }
        flows.addAll(CatalogFlows.of(ServiceCatalog.of(system), stores, stack.istio()));
        if (stack.tls() != TlsIssuer.NONE) {
            // cert-manager answers Let's Encrypt's HTTP-01 challenge from a solver pod in this namespace,
            // reached through the ingress controller (https://cert-manager.io/docs/configuration/acme/http01/).
            flows.add(Flow.tcp(Flow.Peer.namespace(CatalogFlows.INGRESS_NAMESPACE, Map.of()),
                    Flow.Peer.pods("acme-http01-solver", Map.of("acme.cert-manager.io/http01-solver", "true")), ACME_SOLVER_PORT,
                    "stack: voiceplane:tls " + stack.tls().id() + " proves the domain through HTTP-01 challenges"));
        }

        Map<String, SortedSet<String>> secrets = new TreeMap<>();
        secrets.put(secret, secretKeys(system));
        if (inCluster) {
            BackupSchedule.Props backupProps = new BackupSchedule.Props(system.id(), ns,
                    stack.images().reference(BackupSchedule.IMAGE_REPOSITORY), stack.cloud(),
                    stack.cloudIdentities().backupBucket(), stack.cloudIdentities().backupAccount(),
                    stack.cloudIdentities().backupIdentity(), localBackups,
                    ServiceEndpoints.host(stack, ServiceEndpoints.POSTGRES_SERVICE), ServiceEndpoints.host(stack, ServiceEndpoints.REDIS_SERVICE),
                    sharedClaims(stack).isEmpty() ? null : system.id() + "-data", configMap, secret, backupSecret);
            BackupSchedule backups = new BackupSchedule(charts, "backups", backupProps);
            flows.addAll(backups.flows());
            // Point-in-time recovery: WAL archived continuously beside the nightly copies.
            dataStores.postgresStatefulSet().ifPresent(postgres -> {
                new WalArchiving(charts, "wal-archiving", postgres, backups.cronJob(BackupSchedule.POSTGRES), backupProps, stack.region());
                flows.addAll(WalArchiving.flows(stack.cloud(), CatalogFlows.PROMETHEUS));
            });
            secrets.put(backupSecret, new TreeSet<>(List.of(BackupSchedule.GPG_PUBLIC_KEY)));
        }

        new VaultSecrets(charts.get(Component.CONFIG_SECURITY), "vault", new VaultSecrets.Props(system.id(),
                stack.environment().id(), ns, stack.cloud(), stack.region(), stack.cloudIdentities(), secrets));
        new NetworkPolicies(charts.get(Component.CONFIG_SECURITY), "network", ns, flows, stack.istio());
    }

    /** Every SECRET variable of the system's services, and the observability stack's keys. */
    static SortedSet<String> secretKeys(SystemName system) {
        SortedSet<String> keys = new TreeSet<>();
        for (ServiceSpec s : ServiceCatalog.of(system)) {
            s.env().stream().filter(v -> v.source() == EnvVar.Source.SECRET).forEach(v -> keys.add(v.name()));
        }
        keys.addAll(MonitoringFlows.secretKeys());
        return keys;
    }
}
