package dev.voiceplane.charts;

import dev.voiceplane.catalog.Names;
import dev.voiceplane.stack.ResourceBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.cdk8s.plus33.k8s.Container;
import org.cdk8s.plus33.k8s.KubePersistentVolumeClaimProps;
import org.cdk8s.plus33.k8s.KubeService;
import org.cdk8s.plus33.k8s.KubeStatefulSet;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PersistentVolumeClaimSpec;
import org.cdk8s.plus33.k8s.ServicePort;
import org.cdk8s.plus33.k8s.ServiceSpec;
import org.cdk8s.plus33.k8s.StatefulSetPersistentVolumeClaimRetentionPolicy;
import org.cdk8s.plus33.k8s.StatefulSetSpec;
import org.cdk8s.plus33.k8s.Volume;
import org.cdk8s.plus33.k8s.VolumeResourceRequirements;
import software.constructs.Construct;

/**
 * What every in-cluster store ({@link PostgresStore}, {@link RedisStore}) runs as: a StatefulSet of
 * one {@link HardenedPod} with its volume {@code data} from a claim template, a headless Service
 * governing the pod ({@code <name>-headless}, its stable DNS name {@code <name>-0.<name>-headless}),
 * the client Service the guides name ({@code <name>-service}), a ServiceAccount of its own and,
 * when asked, {@link ResourceRecommendations}.
 *
 * <p>Nothing deletes data: claims are retained when the StatefulSet is deleted or scaled down, and
 * the StatefulSet and its claim template carry {@value StorageTiers#HOLDS_DATA}. The pods carry
 * {@code app=<name>}, which the guides' own commands select by ({@code kubectl get pods -l app=postgres}).
 */
public final class StoreStatefulSet extends Construct {
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*(Mi|Gi|Ti)");

    /** One store's workload. Required: its name, namespace, port and container. */
    public static final class Props {
        private final String name;
        private final String namespace;
        private final int port;
        private final Container container;
        private final String component;
        private final int runAs;
        private final List<Volume> volumes;
        private final String size;
        private final StorageTier tier;
        private final Optional<ResourceBudget> recommendationFloor;
        private final ResourceBudget resources;
        private final Optional<Placement> placement;

        private Props(Builder b) {
            name = b.name;
            namespace = b.namespace;
            port = b.port;
            container = b.container;
            component = b.component;
            runAs = b.runAs;
            volumes = List.copyOf(b.volumes);
            size = b.size;
            tier = b.tier;
            recommendationFloor = Optional.ofNullable(b.recommendationFloor);
            resources = b.resources;
            placement = Optional.ofNullable(b.placement);
        }

        /**
         * @param name      StatefulSet, ServiceAccount and Service prefix, e.g. {@code postgres}
         * @param namespace where it runs
         * @param port      the port clients connect to, named after the store on both Services
         * @param container the store's container, mounting {@code data}
         */
        public static Builder builder(String name, String namespace, int port, Container container) {
            return new Builder(name, namespace, port, container);
        }

        public String name() {
            return name;
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (!SIZE.matcher(size).matches()) {
                problems.add("store '" + name + "': volume size '" + size + "' is not a whole number of Mi, Gi or Ti; write e.g. 20Gi");
            }
            if (port < 1 || port > 65535) {
                problems.add("store '" + name + "': port " + port + " is outside 1-65535");
            }
            return problems;
        }

        public static final class Builder {
            private final String name;
            private final String namespace;
            private final int port;
            private final Container container;
            private String component = "database";
            private int runAs = Microservice.RUN_AS;
            private List<Volume> volumes = List.of();
            private String size = "10Gi";
            private StorageTier tier = StorageTier.FAST_SSD;
            private ResourceBudget recommendationFloor;
            private ResourceBudget resources = ResourceBudget.GUIDE_APP_POD;
            private Placement placement;

            private Builder(String name, String namespace, int port, Container container) {
                this.name = Objects.requireNonNull(name, "name");
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                this.port = port;
                this.container = Objects.requireNonNull(container, "container");
            }

            /** The {@code app.kubernetes.io/component} label. Default {@code database}. */
            public Builder component(String component) {
                this.component = Objects.requireNonNull(component, "component");
                return this;
            }

            /** The image's own non-root UID: a different one could not read what an earlier pod wrote. Default 10001. */
            public Builder runAs(int runAs) {
                this.runAs = runAs;
                return this;
            }

            /** Volumes besides {@code data} (scratch, configuration). Default none. */
            public Builder volumes(List<Volume> volumes) {
                this.volumes = Objects.requireNonNull(volumes, "volumes");
                return this;
            }

            /** The size of {@code data}. Default 10Gi. */
            public Builder size(String size) {
                this.size = Objects.requireNonNull(size, "size");
                return this;
            }

            /** The class of {@code data}. Default {@link StorageTier#FAST_SSD}. */
            public Builder tier(StorageTier tier) {
                this.tier = Objects.requireNonNull(tier, "tier");
                return this;
            }

            /**
             * Adds a recommendation-mode VPA between {@code floor} and the container's limits
             * ({@code resources}). Default none: the VPA's CRDs are not on every cluster.
             */
            public Builder recommendations(ResourceBudget floor, ResourceBudget resources) {
                this.recommendationFloor = Objects.requireNonNull(floor, "floor");
                this.resources = Objects.requireNonNull(resources, "resources");
                return this;
            }

            /**
             * Where each object goes: the StatefulSet stays under the construct, the Services go to
             * {@link Component#SERVICES}, the ServiceAccount to {@link Component#CONFIG_SECURITY}, the VPA to
             * {@link Component#AUTOSCALING}. Default: all under the construct.
             */
            public Builder placement(Placement placement) {
                this.placement = Objects.requireNonNull(placement, "placement");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    private final KubeStatefulSet statefulSet;

    public StoreStatefulSet(Construct scope, String id, Props props) {
        super(scope, id);
        Problems.report(this, props.problems());
        Placement at = props.placement.orElse(Placement.within(this));
        String name = props.name;
        Map<String, String> selector = Labels.ofWorkload(name, props.component);
        services(at.get(Component.SERVICES), props, selector);

        Map<String, String> podLabels = new TreeMap<>(selector);
        podLabels.put("app", name);
        Map<String, String> holdsData = Map.of(StorageTiers.HOLDS_DATA, "true");
        KubeStatefulSet set = KubeStatefulSet.Builder.create(this, name)
                .metadata(ObjectMeta.builder().name(name).namespace(props.namespace).labels(selector).annotations(holdsData).build())
                .spec(StatefulSetSpec.builder()
                        .serviceName(name + "-headless")
                        .replicas(1)
                        .selector(LabelSelector.builder().matchLabels(selector).build())
                        // Never delete volumes with the StatefulSet or when scaling down.
                        .persistentVolumeClaimRetentionPolicy(StatefulSetPersistentVolumeClaimRetentionPolicy.builder()
                                .whenDeleted("Retain").whenScaled("Retain").build())
                        // Shutting down cleanly (a checkpoint, an AOF rewrite) takes longer than Kubernetes' 30 s.
                        .template(HardenedPod.builder(name, props.runAs, props.container).labels(podLabels)
                                .terminationGracePeriodSeconds(60).volumes(props.volumes).build())
                        .volumeClaimTemplates(List.of(KubePersistentVolumeClaimProps.builder()
                                .metadata(ObjectMeta.builder().name("data").annotations(holdsData).build())
                                .spec(PersistentVolumeClaimSpec.builder()
                                        .storageClassName(props.tier.className())
                                        .accessModes(List.of("ReadWriteOnce"))
                                        .resources(VolumeResourceRequirements.builder()
                                                .requests(Map.of("storage", JsiiValues.quantity(props.size))).build())
                                        .build())
                                .build()))
                        .build())
                .build();
        new AccessControl(at.get(Component.CONFIG_SECURITY), name + "-access",
                AccessControl.Props.builder(name, props.namespace).build());
        PodPlacement.spread(set, selector);
        statefulSet = set;
        // The guides' "VPA recommendations for optimal resource allocation" apply to the stores too.
        props.recommendationFloor.ifPresent(floor -> new ResourceRecommendations(at.get(Component.AUTOSCALING), name + "-recommendations",
                ResourceRecommendations.Props.builder(ResourceRecommendations.Kind.STATEFUL_SET, name, name)
                        .namespace(props.namespace).labels(selector).floor(floor).resources(props.resources).build()));
    }

    /** The StatefulSet, for constructs that extend the store's pod ({@link WalArchiving}). */
    public KubeStatefulSet statefulSet() {
        return statefulSet;
    }

    /** The client Service of a store, e.g. {@code postgres-service}, the name the guides use. */
    public static String serviceName(String store) {
        return store + "-service";
    }

    /** The cluster-local DNS name of a store's client Service in {@code namespace}. */
    public static String host(String store, String namespace) {
        return Names.serviceHost(serviceName(store), namespace);
    }

    private static void services(Construct scope, Props props, Map<String, String> selector) {
        String name = props.name;
        ServicePort servicePort = ServicePort.builder().name(name).port(props.port).targetPort(JsiiValues.intOrString(props.port)).build();
        KubeService.Builder.create(scope, name + "-headless")
                .metadata(ObjectMeta.builder().name(name + "-headless").namespace(props.namespace).labels(selector).build())
                .spec(ServiceSpec.builder().clusterIp("None").selector(selector).ports(List.of(servicePort))
                        .publishNotReadyAddresses(false).build())
                .build();
        KubeService.Builder.create(scope, serviceName(name))
                .metadata(ObjectMeta.builder().name(serviceName(name)).namespace(props.namespace).labels(selector).build())
                .spec(ServiceSpec.builder().type("ClusterIP").selector(selector).ports(List.of(servicePort)).build())
                .build();
    }
}
