package dev.voiceplane.catalog;

/** A data store a service may use. Network policies open a path to a store only for its users. */
public enum DataStore {
    POSTGRES("postgres", 5432),
    REDIS("redis", 6379);

    private final String id;
    private final int port;

    DataStore(String id, int port) {
        this.id = id;
        this.port = port;
    }

    public String id() {
        return id;
    }

    /** The port clients connect to, in-cluster and managed alike. */
    public int port() {
        return port;
    }
}
