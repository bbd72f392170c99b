package dev.voiceplane.stack;

import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceKind;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads {@code voiceplane:services} into one {@link ServiceSettings} per catalog service of the
 * system, in catalog order. Problems go to the parser's list with file, line and key, as every other
 * key's do: a name that is no service of the system, an unknown key, {@code minReplicas} above
 * {@code maxReplicas}, a request above its limit, a target on a service that does not scale.
 */
final class ServiceSettingsReader {
    static final String KEY = StackConfigParser.NAMESPACE + "services";
    private static final String CONTAINER_REFUSED = "Kubernetes refuses a container whose request exceeds its limit";

    private static final Map<String, String> SYSTEM_WIDE_BOUNDS = Map.of(
            "min", ServiceSettings.MIN_REPLICAS, "max", ServiceSettings.MAX_REPLICAS);

    private final ConfigReader services;
    private final Environment environment;

    private ServiceSettingsReader(ConfigReader services, Environment environment) {
        this.services = services;
        this.environment = environment;
    }

    /**
     * @param replicas       the system-wide bounds of API services ({@code voiceplane:replicas})
     * @param workerReplicas the system-wide bounds of workers ({@code voiceplane:workerReplicas})
     * @param resources      the system-wide container budget ({@code voiceplane:podResources})
     */
    static Map<String, ServiceSettings> read(ConfigReader services, SystemName system, Environment environment,
                                             Replicas replicas, Replicas workerReplicas, ResourceBudget resources) {
        ServiceSettingsReader reader = new ServiceSettingsReader(services, environment);
        Set<String> names = new LinkedHashSet<>();
        ServiceCatalog.of(system).forEach(s -> names.add(s.name()));
        for (String written : services.keys()) {
            if (!names.contains(written)) {
                String suggestion = ConfigReader.closest(written, names);
                services.problem(written, "no " + system.id() + " service is named '" + written + "'"
                        + (suggestion == null ? "; its services are " + String.join(", ", names) : "; did you mean '" + suggestion + "'?"));
            }
        }
        Map<String, ServiceSettings> out = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceCatalog.of(system)) {
            boolean worker = spec.kind() == ServiceKind.WORKER;
            out.put(spec.name(), reader.service(services.object(spec.name()), worker ? workerReplicas : replicas,
                    worker ? StackConfigParser.NAMESPACE + "workerReplicas" : StackConfigParser.NAMESPACE + "replicas", !worker, resources));
        }
        return out;
    }

    private ServiceSettings service(ConfigReader r, Replicas fallback, String fallbackKey, boolean needsHighAvailability,
                                    ResourceBudget budget) {
        Replicas replicas = replicas(r, fallback, fallbackKey);
        // Only where the entry sets the count: the system-wide bound is checked (and reported) once, at its own key.
        boolean setsCount = r.has(ServiceSettings.REPLICAS) || r.has(ServiceSettings.MIN_REPLICAS);
        if (needsHighAvailability && setsCount && environment == Environment.PRODUCTION && replicas.min() < 3) {
            r.problem(r.has(ServiceSettings.REPLICAS) ? ServiceSettings.REPLICAS : ServiceSettings.MIN_REPLICAS,
                    "production needs at least 3 replicas of every service for high availability, got " + replicas.min());
        }
        ResourceBudget resources = resources(r.object(ServiceSettings.RESOURCES), budget);
        ServiceSettings.Utilization targets = new ServiceSettings.Utilization(
                percent(r, ServiceSettings.TARGET_CPU, replicas), percent(r, ServiceSettings.TARGET_MEMORY, replicas));
        // voiceplane:replicas' own names, written where the Helm names belong: say which name is meant.
        for (String bound : SYSTEM_WIDE_BOUNDS.keySet()) {
            if (r.has(bound)) {
                r.problem(bound, "unknown key; a service's bounds take the Helm chart's names: " + SYSTEM_WIDE_BOUNDS.get(bound));
            }
        }
        r.rejectUnknownKeys(SYSTEM_WIDE_BOUNDS.keySet());
        return new ServiceSettings(replicas, resources, replicas.scales() ? targets : ServiceSettings.Utilization.GUIDE);
    }

    private static Replicas replicas(ConfigReader r, Replicas fallback, String fallbackKey) {
        if (r.has(ServiceSettings.REPLICAS)) {
            int fixed = r.integer(ServiceSettings.REPLICAS, fallback.min(), 1, 100);
            for (String bound : new String[] {ServiceSettings.MIN_REPLICAS, ServiceSettings.MAX_REPLICAS}) {
                if (r.has(bound)) {
                    r.integer(bound, fixed, 1, 100);
                    r.problem(bound, "cannot be set with replicas, which fixes the count; keep replicas, or minReplicas and maxReplicas");
                }
            }
            return new Replicas(fixed, fixed);
        }
        int min = r.integer(ServiceSettings.MIN_REPLICAS, fallback.min(), 1, 100);
        int max = r.integer(ServiceSettings.MAX_REPLICAS, Math.max(min, fallback.max()), 1, 100);
        if (max < min) {
            String from = r.has(ServiceSettings.MIN_REPLICAS) ? "" : " (" + fallbackKey + ".min)";
            r.problem(ServiceSettings.MAX_REPLICAS, "must not be below minReplicas " + min + from + ", got " + max);
            return new Replicas(min, min);
        }
        return new Replicas(min, max);
    }

    /** Each quantity set replaces the system-wide one; requests may not exceed the limits they end up with. */
    private static ResourceBudget resources(ConfigReader r, ResourceBudget budget) {
        ConfigReader requests = r.object("requests");
        ConfigReader limits = r.object("limits");
        ResourceBudget b = new ResourceBudget(
                requests.quantity("cpu", budget.requestCpu()), requests.quantity("memory", budget.requestMemory()),
                limits.quantity("cpu", budget.limitCpu()), limits.quantity("memory", budget.limitMemory()));
        requests.rejectUnknownKeys();
        limits.rejectUnknownKeys();
        r.rejectUnknownKeys();
        withinLimit(requests, limits, "cpu", b.requestCpu(), b.limitCpu(), "limitCpu");
        withinLimit(requests, limits, "memory", b.requestMemory(), b.limitMemory(), "limitMemory");
        return b;
    }

    /**
     * "Requests cannot exceed limits" (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/).
     * Named at the key the entry sets: the request when it sets one, else the limit.
     */
    private static void withinLimit(ConfigReader requests, ConfigReader limits, String resource, String request, String limit,
                                    String podResourcesKey) {
        // Neither set here: the system-wide pair is checked, and reported, once at its own keys.
        if (!requests.has(resource) && !limits.has(resource) || !Quantity.exceeds(request, limit)) {
            return;
        }
        if (requests.has(resource)) {
            String from = limits.has(resource) ? "limits." + resource : StackConfigParser.NAMESPACE + "podResources." + podResourcesKey;
            requests.problem(resource, request + " is above the limit " + limit + " (" + from + "): " + CONTAINER_REFUSED);
        } else {
            limits.problem(resource, limit + " is below the request " + request + " (" + StackConfigParser.NAMESPACE + "podResources.request"
                    + podResourcesKey.substring("limit".length()) + "): " + CONTAINER_REFUSED);
        }
    }

    /** A utilization target in percent; only meaningful where the service scales. */
    private static OptionalInt percent(ConfigReader r, String key, Replicas replicas) {
        if (!r.has(key)) {
            return OptionalInt.empty();
        }
        int value = r.integer(key, 0, 1, 100);
        if (value == 0) {
            return OptionalInt.empty();
        }
        if (!replicas.scales()) {
            r.problem(key, "has no effect: the service runs a fixed " + replicas.min() + " replica(s) and so has no autoscaler; "
                    + "set maxReplicas above minReplicas, or remove it");
            return OptionalInt.empty();
        }
        return OptionalInt.of(value);
    }
}
