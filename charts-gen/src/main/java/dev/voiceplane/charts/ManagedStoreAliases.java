package dev.voiceplane.charts;

import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.stack.Cloud;
import java.util.List;
import java.util.Objects;
import org.cdk8s.plus33.k8s.KubeService;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.ServiceSpec;
import software.constructs.Construct;

/**
 * Stores the cloud runs, seen from the namespace: ExternalName Services under the in-cluster stores'
 * names ({@code postgres-service}, {@code redis-service}), so the guides' troubleshooting
 * ({@code pg_isready -h postgres-service}) keeps working. Services themselves connect to the managed
 * host names directly, which TLS verification requires.
 */
public final class ManagedStoreAliases extends Construct {
    /**
     * Azure Cache for Redis serves TLS on 6380, and only that once infra turns the non-TLS port off
     * (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure#access-ports); ElastiCache,
     * TLS or not, answers on 6379 like the in-cluster StatefulSet.
     */
    public static final int AZURE_REDIS_TLS_PORT = 6380;

    /** Where a cloud's managed Redis answers (managed Redis speaks TLS only). */
    public static int redisPort(Cloud cloud) {
        return cloud == Cloud.AZURE ? AZURE_REDIS_TLS_PORT : DataStore.REDIS.port();
    }

    /**
     * @param namespace    where the aliases live
     * @param postgresHost the managed PostgreSQL's host name
     * @param redisHost    the managed Redis's host name
     */
    public record Props(String namespace, String postgresHost, String redisHost) {
        public Props {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(postgresHost, "postgresHost");
            Objects.requireNonNull(redisHost, "redisHost");
        }
    }

    public ManagedStoreAliases(Construct scope, String id, Props props) {
        super(scope, id);
        if (props.postgresHost().isEmpty() || props.redisHost().isEmpty()) {
            Problems.report(this, List.of("managed data stores need both host names, got postgres '" + props.postgresHost()
                    + "' and redis '" + props.redisHost() + "'; set voiceplane:managedStores in the stack file"));
        }
        alias(PostgresStore.NAME, props.postgresHost(), props.namespace());
        alias(RedisStore.NAME, props.redisHost(), props.namespace());
    }

    private void alias(String store, String host, String namespace) {
        KubeService.Builder.create(this, store + "-external")
                .metadata(ObjectMeta.builder().name(StoreStatefulSet.serviceName(store)).namespace(namespace)
                        .labels(Labels.ofWorkload(store, "database")).build())
                .spec(ServiceSpec.builder().type("ExternalName").externalName(host).build())
                .build();
    }
}
