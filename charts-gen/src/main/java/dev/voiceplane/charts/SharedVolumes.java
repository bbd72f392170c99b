package dev.voiceplane.charts;

import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.stack.Cloud;
import java.util.List;
import java.util.Objects;
import software.constructs.Construct;

/**
 * The volumes every replica of a system's file-handling services shares (BharatVoice guide: "Persistent
 * volumes for data and logs", "Model caching in persistent volumes"), on {@link StorageTier#SHARED_FILES}
 * so replicas on different nodes mount them together: application data, which {@link BackupSchedule#DATA}
 * copies weekly; the model cache; log files. A service that declares {@link Env#DATA_DIR} mounts all three
 * ({@link Props#mountsFor}): data at {@value #DATA_DIR} (the value its DATA_DIR is given), the models inside it,
 * the log files apart under {@code /var/log/<system>}. The claims are created under this construct; their
 * classes are {@link StorageTiers}', which checks that pods on several nodes can mount them ({@link Props#claims()}).
 */
public final class SharedVolumes extends Construct {
    /** Where a service's data directory is mounted, and so its DATA_DIR. */
    public static final String DATA_DIR = "/data";
    /** Where the model cache is mounted: inside the data directory, where the services look for models. */
    static final String MODELS_DIR = DATA_DIR + "/models";
    /** The parent of a system's log directory. */
    static final String LOG_ROOT = "/var/log/";

    /** What to claim. Required: the system and its namespace and cloud; the sizes, which the guides leave open, have defaults. */
    public static final class Props {
        private final String system;
        private final String namespace;
        private final Cloud cloud;
        private final String dataSize;
        private final String modelCacheSize;
        private final String logsSize;
        private final Names names;

        private Props(Builder b) {
            system = b.system;
            namespace = b.namespace;
            cloud = b.cloud;
            dataSize = b.dataSize;
            modelCacheSize = b.modelCacheSize;
            logsSize = b.logsSize;
            names = new Names(b.system);
        }

        /**
         * @param system    names the claims ({@link Names#dataClaim()} and its siblings) and the log directory
         * @param namespace where the claims live
         * @param cloud     which access mode shared files get ({@link StorageTiers#accessMode})
         */
        public static Builder builder(String system, String namespace, Cloud cloud) {
            return new Builder(system, namespace, cloud);
        }

        public String system() {
            return system;
        }

        public String namespace() {
            return namespace;
        }

        public Cloud cloud() {
            return cloud;
        }

        public String dataSize() {
            return dataSize;
        }

        public String modelCacheSize() {
            return modelCacheSize;
        }

        public String logsSize() {
            return logsSize;
        }

        /** The three claims, for {@link StorageTiers.Props.Builder#claims} to check against the classes. */
        public List<StorageTiers.Claim> claims() {
            return List.of(new StorageTiers.Claim(names.dataClaim(), StorageTier.SHARED_FILES, dataSize()).sharedAcrossNodes(),
                    StorageTiers.Claim.unbacked(names.logsClaim(), StorageTier.SHARED_FILES, logsSize(),
                            "application log files: every line is also shipped to Loki and kept there for its retention period").sharedAcrossNodes(),
                    StorageTiers.Claim.unbacked(names.modelCacheClaim(), StorageTier.SHARED_FILES, modelCacheSize(),
                            "a cache: the services download the models again when it is empty").sharedAcrossNodes());
        }

        /** The claim {@link BackupSchedule.Props.Builder#dataClaim} backs up. */
        public String dataClaim() {
            return names.dataClaim();
        }

        /** Where a service mounts the volumes: none unless it declares a data directory. */
        public List<Microservice.ClaimMount> mountsFor(ServiceSpec spec) {
            if (!hasDataDir(spec)) {
                return List.of();
            }
            return List.of(new Microservice.ClaimMount(names.dataClaim(), DATA_DIR),
                    new Microservice.ClaimMount(names.modelCacheClaim(), MODELS_DIR),
                    new Microservice.ClaimMount(names.logsClaim(), LOG_ROOT + system));
        }

        public static final class Builder {
            private final String system;
            private final String namespace;
            private final Cloud cloud;
            private String dataSize = "50Gi";
            private String modelCacheSize = "20Gi";
            private String logsSize = "20Gi";

            private Builder(String system, String namespace, Cloud cloud) {
                this.system = Objects.requireNonNull(system, "system");
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                this.cloud = Objects.requireNonNull(cloud, "cloud");
            }

            /** The application data volume. Default 50Gi. */
            public Builder dataSize(String dataSize) {
                this.dataSize = Objects.requireNonNull(dataSize, "dataSize");
                return this;
            }

            /** The model cache. Default 20Gi. */
            public Builder modelCacheSize(String modelCacheSize) {
                this.modelCacheSize = Objects.requireNonNull(modelCacheSize, "modelCacheSize");
                return this;
            }

            /** The log files. Default 20Gi. */
            public Builder logsSize(String logsSize) {
                this.logsSize = Objects.requireNonNull(logsSize, "logsSize");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    public SharedVolumes(Construct scope, String id, Props props) {
        super(scope, id);
        for (StorageTiers.Claim claim : props.claims()) {
            StorageTiers.claim(this, props.cloud(), props.namespace(), claim);
        }
    }

    /** Whether a catalog service writes files, and so shares these volumes. */
    public static boolean hasDataDir(ServiceSpec spec) {
        return spec.declares(Env.DATA_DIR);
    }
}
