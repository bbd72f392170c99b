package dev.voiceplane.stack;

/** Whether PostgreSQL and Redis run in the cluster or are managed by the cloud. */
public enum DataStoreMode {
    /** StatefulSets in the namespace (BharatVoice's guide, and every local stack). */
    IN_CLUSTER("in-cluster"),
    /** Cloud services provisioned by infra; the cluster only gets connection settings. */
    MANAGED("managed");

    private final String id;

    DataStoreMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
