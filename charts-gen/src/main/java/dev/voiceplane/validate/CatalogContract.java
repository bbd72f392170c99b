package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import java.util.Optional;

/**
 * Workloads of catalog services keep the catalog's contract, which the services themselves are built
 * against: the container port, the probe paths on that port, every required variable (secrets from a
 * Secret, never literal), and the Service's port.
 */
final class CatalogContract {
    static final RuleSpec SPEC = RuleSpec.of("catalog-contract", Severity.ERROR, Layer.CROSS_OBJECT,
            "ports, probes and environment of catalog services match the service catalog",
            "build the workload from its ServiceSpec (catalog module) instead of writing the values by hand",
            "https://kubernetes.io/docs/concepts/services-networking/connect-applications-service/");

    private CatalogContract() {
    }

    static Rule rule() {
        return Rules.of(SPEC, (m, f) -> {
            for (PodTemplate pod : m.declaredPods()) {
                Optional<ServiceSpec> spec = ServiceCatalog.find(pod.owner().name());
                if (spec.isEmpty() || pod.runsToCompletion()) {
                    continue;
                }
                for (Container c : m.containers(pod)) {
                    if (c.name().equals(spec.get().name()) && !c.init()) {
                        check(pod, c, spec.get(), f);
                    }
                }
            }
            for (Source svc : m.ofKind("Service")) {
                Optional<ServiceSpec> spec = ServiceCatalog.find(svc.name());
                if (spec.isPresent() && svc.at("/spec/selector").isObject()) {
                    boolean ok = false;
                    for (JsonNode port : svc.at("/spec/ports")) {
                        ok |= port.path("port").asInt() == spec.get().port();
                    }
                    if (!ok) {
                        f.add(svc, "/spec/ports", "the catalog serves " + spec.get().name() + " on " + spec.get().port() + "; the Service does not");
                    }
                }
            }
        });
    }

    private static void check(PodTemplate pod, Container c, ServiceSpec spec, Findings f) {
        boolean port = false;
        for (JsonNode p : c.node().path("ports")) {
            port |= p.path("containerPort").asInt() == spec.port();
        }
        if (!port) {
            f.add(pod.owner(), c.field("/ports"), c.describe() + " does not expose the catalog port " + spec.port());
        }
        probe(pod, c, "readinessProbe", spec.probes().ready(), spec.port(), f);
        probe(pod, c, "livenessProbe", spec.probes().live(), spec.port(), f);
        if (c.node().has("startupProbe")) {
            probe(pod, c, "startupProbe", spec.probes().startup(), spec.port(), f);
        }
        for (EnvVar v : spec.env()) {
            Optional<JsonNode> set = env(c, v.name());
            if (set.isEmpty()) {
                if (v.required()) {
                    f.add(pod.owner(), c.field("/env"), c.describe() + " lacks " + v.name() + " (" + v.description() + "), which the service requires");
                }
                continue;
            }
            if (v.source() == EnvVar.Source.SECRET && !set.get().at("/valueFrom/secretKeyRef").isObject()) {
                f.add(pod.owner(), c.field("/env"), c.describe() + " sets " + v.name() + " without a secretKeyRef; the catalog takes it from the Secret");
            }
        }
    }

    private static void probe(PodTemplate pod, Container c, String which, String path, int port, Findings f) {
        JsonNode http = c.node().path(which).path("httpGet");
        if (!http.isObject()) {
            return; // the probes rule reports a missing probe
        }
        if (!http.path("path").asText().equals(path) || http.path("port").asInt(-1) != port && !http.path("port").isTextual()) {
            f.add(pod.owner(), c.field("/" + which + "/httpGet"), c.describe() + " " + which + " checks " + http.path("path").asText() + " on "
                    + http.path("port").asText() + "; the catalog says " + path + " on " + port);
        }
    }

    private static Optional<JsonNode> env(Container c, String name) {
        for (JsonNode e : c.node().path("env")) {
            if (e.path("name").asText().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
