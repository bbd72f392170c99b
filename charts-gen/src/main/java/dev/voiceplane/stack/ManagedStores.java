package dev.voiceplane.stack;

/**
 * Where the cloud-managed PostgreSQL and Redis of a {@link DataStoreMode#MANAGED} stack answer,
 * as provisioned by infra (stack key {@code voiceplane:managedStores}).
 *
 * @param postgresHost DNS name of the managed PostgreSQL server, e.g. {@code ai-ninja-prod.postgres.database.azure.com}
 * @param redisHost    DNS name of the managed Redis, e.g. {@code ai-ninja-prod.redis.cache.windows.net}
 * @param cidr         the private network both answer in; egress to the stores is opened to it only.
 *                     Default {@code 10.0.0.0/8}, the private-endpoint range infra uses.
 */
public record ManagedStores(String postgresHost, String redisHost, String cidr) {
    public static final String DEFAULT_CIDR = "10.0.0.0/8";
    /** In-cluster stores: nothing to point at. */
    public static final ManagedStores NONE = new ManagedStores("", "", "");

    public boolean present() {
        return !postgresHost.isEmpty();
    }
}
