package dev.voiceplane.systems;

import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.charts.monitoring.TracingPipeline;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.stack.StackConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values of the catalog's STACK variables for one service in one stack: where it listens, where
 * its stores and callees are, where traces go. In-cluster names follow the guides
 * ({@code postgres-service}, {@code redis-service}).
 */
public final class ServiceEndpoints {
    public static final String POSTGRES_SERVICE = "postgres-service";
    public static final String REDIS_SERVICE = "redis-service";
    public static final String DATA_MOUNT = "/data";

    private ServiceEndpoints() {
    }

    /** Cluster-local DNS name of a Service in the stack's namespace. */
    public static String host(StackConfig stack, String service) {
        return Names.of(stack.system()).serviceHost(service);
    }

    /**
     * Azure Cache for Redis serves TLS on 6380, and only that once infra turns the non-TLS port off
     * (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure#access-ports); the
     * in-cluster StatefulSet (and ElastiCache, TLS or not) answers on 6379.
     */
    public static final int AZURE_REDIS_TLS_PORT = 6380;

    /** Where the stack's Redis answers. */
    public static int redisPort(StackConfig stack) {
        return redisTls(stack) && stack.cloud() == Cloud.AZURE ? AZURE_REDIS_TLS_PORT : DataStore.REDIS.port();
    }

    /** Whether the stack's Redis speaks TLS only: every managed Redis does; the in-cluster one does not. */
    public static boolean redisTls(StackConfig stack) {
        return stack.managedStores().present();
    }

    public static Map<String, String> of(ServiceSpec spec, StackConfig stack) {
        Map<String, String> values = new TreeMap<>();
        values.put(Env.PORT, Integer.toString(spec.port()));
        values.put(Env.SERVICE_NAME, spec.name());
        values.put(Env.OTEL_SERVICE_NAME, spec.name());
        values.put(Env.OTEL_EXPORTER_OTLP_ENDPOINT, "http://" + host(stack, TracingPipeline.COLLECTOR) + ":" + TracingPipeline.OTLP_HTTP_PORT);
        // Managed stores are reached by their own names: their TLS certificates carry those, not ours.
        boolean managed = stack.managedStores().present();
        if (spec.uses(DataStore.POSTGRES)) {
            values.put(Env.DB_HOST, managed ? stack.managedStores().postgresHost() : host(stack, POSTGRES_SERVICE));
            values.put(Env.DB_PORT, Integer.toString(DataStore.POSTGRES.port()));
        }
        if (spec.uses(DataStore.REDIS)) {
            values.put(Env.REDIS_HOST, managed ? stack.managedStores().redisHost() : host(stack, REDIS_SERVICE));
            values.put(Env.REDIS_PORT, Integer.toString(redisPort(stack)));
            values.put(Env.REDIS_TLS, Boolean.toString(redisTls(stack)));
        }
        for (String callee : spec.calls()) {
            ServiceSpec target = ServiceCatalog.get(callee);
            values.put(Env.urlOf(callee), "http://" + host(stack, callee) + ":" + target.port());
        }
        if (spec.env().stream().anyMatch(v -> v.name().equals(Env.DATA_DIR))) {
            values.put(Env.DATA_DIR, DATA_MOUNT);
        }
        // Entra tokens on the Speech REST APIs name the resource (infra sets it when the account's keys are off).
        if (spec.env().stream().anyMatch(v -> v.name().equals(Env.AZURE_SPEECH_RESOURCE_ID)) && !stack.cloudIdentities().speechResourceId().isEmpty()) {
            values.put(Env.AZURE_SPEECH_RESOURCE_ID, stack.cloudIdentities().speechResourceId());
        }
        return values;
    }
}
