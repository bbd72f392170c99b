package dev.voiceplane.systems;

import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.charts.ManagedStoreAliases;
import dev.voiceplane.charts.PostgresStore;
import dev.voiceplane.charts.RedisStore;
import dev.voiceplane.charts.SharedVolumes;
import dev.voiceplane.charts.StoreStatefulSet;
import dev.voiceplane.charts.monitoring.TracingPipeline;
import dev.voiceplane.stack.StackConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values of the catalog's STACK variables for one service in one stack: where it listens, where
 * its stores and callees are, where traces go. Each address is the owning construct's: the in-cluster
 * stores' client Services ({@link StoreStatefulSet#host}), the managed stores' ports
 * ({@link ManagedStoreAliases#redisPort}), the collector ({@link TracingPipeline#otlpEndpoint}), the
 * shared data directory ({@link SharedVolumes#DATA_DIR}).
 */
public final class ServiceEndpoints {
    private ServiceEndpoints() {
    }

    /** Where the stack's Redis answers. */
    public static int redisPort(StackConfig stack) {
        return redisTls(stack) ? ManagedStoreAliases.redisPort(stack.cloud()) : DataStore.REDIS.port();
    }

    /** Whether the stack's Redis speaks TLS only: every managed Redis does; the in-cluster one does not. */
    public static boolean redisTls(StackConfig stack) {
        return stack.managedStores().present();
    }

    public static Map<String, String> of(ServiceSpec spec, StackConfig stack) {
        Names names = Names.of(stack.system());
        Map<String, String> values = new TreeMap<>();
        values.put(Env.PORT, Integer.toString(spec.port()));
        values.put(Env.SERVICE_NAME, spec.name());
        values.put(Env.OTEL_SERVICE_NAME, spec.name());
        values.put(Env.OTEL_EXPORTER_OTLP_ENDPOINT, TracingPipeline.otlpEndpoint(stack.namespace()));
        // Managed stores are reached by their own names: their TLS certificates carry those, not ours.
        boolean managed = stack.managedStores().present();
        if (spec.uses(DataStore.POSTGRES)) {
            values.put(Env.DB_HOST, managed ? stack.managedStores().postgresHost() : StoreStatefulSet.host(PostgresStore.NAME, stack.namespace()));
            values.put(Env.DB_PORT, Integer.toString(DataStore.POSTGRES.port()));
        }
        if (spec.uses(DataStore.REDIS)) {
            values.put(Env.REDIS_HOST, managed ? stack.managedStores().redisHost() : StoreStatefulSet.host(RedisStore.NAME, stack.namespace()));
            values.put(Env.REDIS_PORT, Integer.toString(redisPort(stack)));
            values.put(Env.REDIS_TLS, Boolean.toString(redisTls(stack)));
        }
        for (String callee : spec.calls()) {
            values.put(Env.urlOf(callee), names.serviceUrl(callee, ServiceCatalog.get(callee).port()));
        }
        if (SharedVolumes.hasDataDir(spec)) {
            values.put(Env.DATA_DIR, SharedVolumes.DATA_DIR);
        }
        // Entra tokens on the Speech REST APIs name the resource (infra sets it when the account's keys are off).
        if (spec.declares(Env.AZURE_SPEECH_RESOURCE_ID) && !stack.cloudIdentities().speechResourceId().isEmpty()) {
            values.put(Env.AZURE_SPEECH_RESOURCE_ID, stack.cloudIdentities().speechResourceId());
        }
        return values;
    }
}
