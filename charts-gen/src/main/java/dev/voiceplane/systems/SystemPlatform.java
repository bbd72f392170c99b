package dev.voiceplane.systems;

import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.AppConfig;
import dev.voiceplane.charts.BackupDestination;
import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.charts.ManagedStoreAliases;
import dev.voiceplane.charts.Flow;
import dev.voiceplane.charts.IngressGateway;
import dev.voiceplane.charts.Microservice;
import dev.voiceplane.charts.NetworkPolicies;
import dev.voiceplane.charts.PostgresStore;
import dev.voiceplane.charts.RedisStore;
import dev.voiceplane.charts.SecretVault;
import dev.voiceplane.charts.SharedVolumes;
import dev.voiceplane.charts.StorageTiers;
import dev.voiceplane.charts.VaultSecrets;
import dev.voiceplane.charts.WalArchiving;
import dev.voiceplane.charts.monitoring.Monitoring;
import dev.voiceplane.stack.CloudIdentities;
import dev.voiceplane.stack.DataStoreMode;
import dev.voiceplane.stack.Environment;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackConfigParser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private SystemPlatform() {
    }

    /**
     * The volumes every replica of a service with a data directory shares; empty for a system whose
     * services write no files.
     */
    static Optional<SharedVolumes.Props> sharedVolumes(StackConfig stack) {
        if (!StackConfigParser.hasSharedData(stack.system())) {
            return Optional.empty();
        }
        return Optional.of(SharedVolumes.Props.builder(stack.system().id(), stack.namespace(), stack.cloud()).build());
    }

    /**
     * Adds everything but the services, ingress and monitoring, whose connections ({@code flows()},
     * {@code flowsOf}) the network policies admit beside the catalog's and the stores' and backups'.
     */
    static void addTo(ComponentCharts charts, IngressGateway gateway, Monitoring monitoring) {
        StackConfig stack = charts.stack();
        SystemName system = stack.system();
        String ns = stack.namespace();
        boolean inCluster = stack.dataStores() == DataStoreMode.IN_CLUSTER;
        String configMap = SystemServices.configMapName(stack);
        String secret = SystemServices.secretName(stack);
        String backupSecret = Names.of(system).backupSecrets();
        CloudIdentities ids = stack.cloudIdentities();

        Optional<SharedVolumes.Props> shared = sharedVolumes(stack);
        shared.ifPresent(volumes -> new SharedVolumes(charts.get(Component.STORAGE), "shared-volumes", volumes));
        Optional<BackupDestination> destination = inCluster ? Optional.of(switch (stack.cloud()) {
            case AWS -> BackupDestination.s3(ids.backupBucket(), ids.backupIdentity());
            case AZURE -> BackupDestination.blob(ids.backupAccount(), ids.backupBucket(), ids.backupIdentity());
            case NONE -> BackupDestination.claim(Names.of(system).localBackupsClaim());
        }) : Optional.empty();
        List<StorageTiers.Claim> localBackups = destination.flatMap(BackupDestination::volume).stream().toList();
        for (StorageTiers.Claim claim : localBackups) {
            StorageTiers.claim(charts.get(Component.STORAGE), stack.cloud(), ns, claim);
        }
        List<StorageTiers.Claim> claims = new ArrayList<>(shared.map(SharedVolumes.Props::claims).orElse(List.of()));
        claims.addAll(localBackups);
        // The classes are cluster-wide (shared by the systems on a cluster); the claims are the system's own.
        new StorageTiers(charts.get(Component.CLUSTER), "storage", StorageTiers.Props.builder(stack.cloud())
                .efsFileSystemId(ids.efsFileSystemId()).runAs(Microservice.RUN_AS).claims(claims).build());

        new AppConfig(charts.get(Component.CONFIG_SECURITY), "app-config", new AppConfig.Props(configMap, ns, stack.appSettings()));

        Optional<PostgresStore> postgres;
        if (inCluster) {
            // A laptop cluster has no VPA; everywhere else the stores get recommendations like the services.
            boolean recommend = stack.environment() != Environment.LOCAL;
            postgres = Optional.of(new PostgresStore(charts.get(Component.CORE_SERVICES), "postgres", PostgresStore.Props.builder(ns, configMap, secret)
                    .recommendations(recommend).placement(charts).build()));
            new RedisStore(charts.get(Component.CORE_SERVICES), "redis", RedisStore.Props.builder(ns, secret)
                    .recommendations(recommend).placement(charts).build());
        } else {
            postgres = Optional.empty();
            new ManagedStoreAliases(charts.get(Component.SERVICES), "managed-stores", new ManagedStoreAliases.Props(ns,
                    stack.managedStores().postgresHost(), stack.managedStores().redisHost()));
        }

        List<Flow> flows = new ArrayList<>(monitoring.flows());
        flows.addAll(gateway.flows());
        Map<DataStore, CatalogFlows.StoreAt> stores = new EnumMap<>(DataStore.class);
        for (DataStore store : DataStore.values()) {
            stores.put(store, new CatalogFlows.StoreAt(
                    inCluster ? Flow.Peer.workload(store.id()) : Flow.Peer.network(stack.managedStores().cidr()),
                    store == DataStore.REDIS ? ServiceEndpoints.redisPort(stack) : store.port()));
        }
        flows.addAll(CatalogFlows.of(ServiceCatalog.of(system), stores, s -> {
            List<Flow> declared = new ArrayList<>(gateway.flowsOf(s));
            declared.addAll(monitoring.flowsOf(s));
            return declared;
        }));

        Map<String, SortedSet<String>> secrets = new TreeMap<>();
        secrets.put(secret, secretKeys(system));
        destination.ifPresent(to -> {
            BackupSchedule.Props.Builder backupProps = BackupSchedule.Props.builder(system.id(), ns,
                            stack.images().reference(BackupSchedule.IMAGE_REPOSITORY), to)
                    .configMapName(configMap).secretName(secret).backupSecretName(backupSecret).placement(charts);
            shared.ifPresent(volumes -> backupProps.dataClaim(volumes.dataClaim()));
            BackupSchedule.Props backupSettings = backupProps.build();
            BackupSchedule backups = new BackupSchedule(charts.get(Component.BACKUPS), "backups", backupSettings);
            flows.addAll(backups.flows());
            // Point-in-time recovery: WAL archived continuously beside the nightly copies.
            postgres.ifPresent(store -> {
                WalArchiving archiving = new WalArchiving(charts.get(Component.CORE_SERVICES), "wal-archiving", WalArchiving.Props.builder(
                        store.statefulSet(), backups.cronJob(BackupSchedule.POSTGRES), backupSettings).region(stack.region()).placement(charts).build());
                flows.addAll(archiving.flows());
            });
            secrets.put(backupSecret, new TreeSet<>(List.of(BackupSchedule.GPG_PUBLIC_KEY)));
        });

        SecretVault vault = switch (stack.cloud()) {
            case AZURE -> SecretVault.keyVault(ids.vaultUrl(), ids.vaultIdentity(), ids.tenantId());
            case AWS -> SecretVault.secretsManager(stack.region(), stack.environment().id(), ids.vaultIdentity());
            case NONE -> SecretVault.localSecret();
        };
        new VaultSecrets(charts.get(Component.CONFIG_SECURITY), "vault", VaultSecrets.Props.builder(system.id(), ns, vault)
                .secrets(secrets).build());
        new NetworkPolicies(charts.get(Component.CONFIG_SECURITY), "network", NetworkPolicies.Props.builder(ns, flows).mesh(stack.istio()).build());
    }

    /** Every SECRET variable of the system's services, and the observability stack's keys. */
    static SortedSet<String> secretKeys(SystemName system) {
        SortedSet<String> keys = new TreeSet<>();
        for (ServiceSpec s : ServiceCatalog.of(system)) {
            s.env().stream().filter(v -> v.source() == EnvVar.Source.SECRET).forEach(v -> keys.add(v.name()));
        }
        keys.addAll(Monitoring.secretKeys());
        return keys;
    }
}
