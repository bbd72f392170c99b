package dev.voiceplane.charts;

/**
 * The storage classes both guides assume (ai-ninja guide: "Three storage tiers"), plus shared files
 * for volumes that several pods of a Deployment mount at once.
 */
public enum StorageTier {
    /** High-performance SSD for databases and caching. */
    FAST_SSD("fast-ssd"),
    /** Standard SSD for application data. */
    STANDARD_SSD("standard-ssd"),
    /** Cost-effective storage for logs and backups. */
    BULK("bulk-storage"),
    /**
     * A network file system (Azure Files, Amazon EFS) that any number of pods mount read-write:
     * what a scaled Deployment's data, logs and model cache need, since a disk attaches to one node.
     */
    SHARED_FILES("shared-files");

    private final String className;

    StorageTier(String className) {
        this.className = className;
    }

    /** The StorageClass name. */
    public String className() {
        return className;
    }
}
