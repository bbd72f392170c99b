package dev.voiceplane.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.cli.Terminal;
import dev.voiceplane.synth.Manifest;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Waits for what apply wrote to roll out, as {@code kubectl rollout status} does for each kind
 * (https://kubernetes.io/docs/reference/kubectl/generated/kubectl_rollout/kubectl_rollout_status/):
 * the controller has seen the new generation and every replica is updated and available; a Job has
 * completed. One deadline for the whole stack; each workload's state changes are shown as they
 * happen; what is not ready at the deadline is reported with its conditions and its latest events.
 */
public final class RolloutWait {
    /** The kinds that roll out; everything else is in effect once applied. */
    public static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS_SHOWN = 3;

    private final Cluster cluster;
    private final Terminal terminal;

    public RolloutWait(Cluster cluster, Terminal terminal) {
        this.cluster = cluster;
        this.terminal = terminal;
    }

    /** What is not ready at the deadline, by {@code Kind/namespace/name}, with why; empty when all rolled out. */
    public Map<String, String> await(List<ObjectNode> applied, long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Map<String, String> notReady = new LinkedHashMap<>();
        for (ObjectNode object : applied) {
            String kind = object.path("kind").asText();
            if (!KINDS.contains(kind)) {
                continue;
            }
            String identity = Manifest.identity(object);
            long remaining = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
            AtomicReference<String> last = new AtomicReference<>("");
            AtomicReference<JsonNode> seen = new AtomicReference<>();
            try {
                resource(object).waitUntilCondition(live -> {
                    JsonNode node = live == null ? null : JSON.valueToTree(live);
                    seen.set(node);
                    String state = node == null ? "not found" : state(kind, node);
                    if (!state.equals(last.getAndSet(state))) {
                        terminal.progress("  " + identity + ": " + state);
                    }
                    return node != null && (ready(kind, node) || failed(kind, node) != null);
                }, remaining, TimeUnit.SECONDS);
                String failure = seen.get() == null ? null : failed(kind, seen.get());
                if (failure != null) {
                    notReady.put(identity, failure + why(object, seen.get()));
                }
            } catch (KubernetesClientTimeoutException e) {
                JsonNode live = seen.get();
                notReady.put(identity, (live == null ? "not found" : state(kind, live)) + " after " + timeoutSeconds + " s"
                        + (live == null ? "" : why(object, live)));
            }
        }
        return notReady;
    }

    private io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> resource(JsonNode object) {
        String namespace = object.at("/metadata/namespace").asText("");
        var op = cluster.client().genericKubernetesResources(Cluster.context(object.path("apiVersion").asText(),
                object.path("kind").asText(), !namespace.isEmpty()));
        String name = object.at("/metadata/name").asText();
        return namespace.isEmpty() ? op.withName(name) : op.inNamespace(namespace).withName(name);
    }

    /** kubectl rollout status's test for each kind. */
    static boolean ready(String kind, JsonNode live) {
        JsonNode spec = live.path("spec");
        JsonNode status = live.path("status");
        boolean observed = status.path("observedGeneration").asLong(0) >= live.at("/metadata/generation").asLong(0);
        int wanted = spec.path("replicas").asInt(1);
        return switch (kind) {
            case "Deployment" -> observed && status.path("updatedReplicas").asInt(0) >= wanted
                    && status.path("availableReplicas").asInt(0) >= wanted && status.path("replicas").asInt(0) <= wanted;
            case "StatefulSet" -> observed && status.path("readyReplicas").asInt(0) >= wanted
                    && status.path("updatedReplicas").asInt(0) >= wanted;
            case "DaemonSet" -> observed && status.path("updatedNumberScheduled").asInt(0) >= status.path("desiredNumberScheduled").asInt(0)
                    && status.path("numberAvailable").asInt(0) >= status.path("desiredNumberScheduled").asInt(0);
            case "Job" -> condition(status, "Complete") != null;
            default -> true;
        };
    }

    /** Why a rollout can no longer succeed without a change (a failed Job, a Deployment past its progress deadline), or null. */
    static String failed(String kind, JsonNode live) {
        JsonNode status = live.path("status");
        if (kind.equals("Job") && condition(status, "Failed") != null) {
            return "failed: " + describe(condition(status, "Failed"));
        }
        JsonNode progressing = condition(status, "Progressing");
        if (kind.equals("Deployment") && progressing == null) {
            for (JsonNode c : status.path("conditions")) {
                if ("Progressing".equals(c.path("type").asText()) && "ProgressDeadlineExceeded".equals(c.path("reason").asText())) {
                    return "exceeded its progress deadline: " + describe(c);
                }
            }
        }
        return null;
    }

    /** A workload's state in a few words, e.g. "2/3 available, 3/3 updated". */
    static String state(String kind, JsonNode live) {
        JsonNode status = live.path("status");
        int wanted = live.at("/spec/replicas").asInt(1);
        return switch (kind) {
            case "Deployment" -> status.path("availableReplicas").asInt(0) + "/" + wanted + " available, "
                    + status.path("updatedReplicas").asInt(0) + "/" + wanted + " updated";
            case "StatefulSet" -> status.path("readyReplicas").asInt(0) + "/" + wanted + " ready, "
                    + status.path("updatedReplicas").asInt(0) + "/" + wanted + " updated";
            case "DaemonSet" -> status.path("numberAvailable").asInt(0) + "/" + status.path("desiredNumberScheduled").asInt(0) + " available";
            case "Job" -> "active " + status.path("active").asInt(0) + ", succeeded " + status.path("succeeded").asInt(0)
                    + ", failed " + status.path("failed").asInt(0);
            default -> "applied";
        };
    }

    /** The object's False (or, for Jobs, any) conditions and its latest events, as a person reads them. */
    private String why(JsonNode object, JsonNode live) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode c : live.at("/status/conditions")) {
            if (!"True".equals(c.path("status").asText()) || "Failed".equals(c.path("type").asText())) {
                reasons.add("condition " + c.path("type").asText() + "=" + c.path("status").asText() + " " + describe(c));
            }
        }
        String namespace = object.at("/metadata/namespace").asText("");
        String name = object.at("/metadata/name").asText();
        if (!namespace.isEmpty()) {
            List<Event> events = new ArrayList<>(cluster.client().v1().events().inNamespace(namespace).list().getItems().stream()
                    .filter(e -> e.getInvolvedObject() != null && name.equals(e.getInvolvedObject().getName())
                            && object.path("kind").asText().equals(e.getInvolvedObject().getKind()))
                    .toList());
            events.sort(java.util.Comparator.comparing(e -> e.getLastTimestamp() == null ? "" : e.getLastTimestamp()));
            for (Event e : events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size())) {
                reasons.add("event " + e.getType() + " " + e.getReason() + ": " + e.getMessage());
            }
        }
        return reasons.isEmpty() ? "" : "; " + String.join("; ", reasons);
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (type.equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                return c;
            }
        }
        return null;
    }

    private static String describe(JsonNode condition) {
        String reason = condition.path("reason").asText("");
        String message = condition.path("message").asText("");
        return (reason + (reason.isEmpty() || message.isEmpty() ? "" : ": ") + message).trim();
    }
}
