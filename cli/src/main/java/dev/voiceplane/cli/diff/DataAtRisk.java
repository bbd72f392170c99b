package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.charts.StorageTiers;
import dev.voiceplane.synth.DataHolders;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.custom.QuantityFormatException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which changes can lose data: deleting an object that holds it, or changing a field Kubernetes
 * cannot change in place, so that the object has to be deleted and made again. Such a change is
 * never applied by accident: diff names it and fails, and apply, prune and rollback refuse it, unless
 * the user passes the explicit flag.
 */
public final class DataAtRisk {

    /**
     * Fields the API server refuses to change in place
     * (https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#limitations and the
     * PersistentVolumeClaim and StorageClass API references).
     */
    private static final Map<String, List<String>> IMMUTABLE = Map.of(
            "StatefulSet", List.of("/spec/volumeClaimTemplates", "/spec/selector", "/spec/serviceName", "/spec/podManagementPolicy"),
            "PersistentVolumeClaim", List.of("/spec/storageClassName", "/spec/accessModes", "/spec/volumeName", "/spec/selector",
                    "/spec/volumeMode", "/spec/dataSource"),
            "StorageClass", List.of("/provisioner", "/parameters", "/reclaimPolicy", "/volumeBindingMode"));

    private DataAtRisk() {
    }

    /** Why deleting {@code object} loses data, if it does. */
    public static Optional<String> ifDeleted(JsonNode object) {
        String kind = object.path("kind").asText();
        if (kind.equals("Namespace")) {
            return Optional.of("a Namespace: deleting it deletes every claim and object in it");
        }
        if (DataHolders.marked(object)) {
            return Optional.of("it holds data (" + StorageTiers.HOLDS_DATA + ")");
        }
        if (!DataHolders.holdsData(object)) {
            return Optional.empty();
        }
        return Optional.of(switch (kind) {
            case "PersistentVolumeClaim" -> "a PersistentVolumeClaim: its volume may be deleted with it";
            case "PersistentVolume" -> "a PersistentVolume: the volume itself";
            default -> "a StatefulSet: its pods' volumes are bound to it";
        });
    }

    /** Why changing {@code before} into {@code after} loses data, for each reason it does. */
    public static List<String> ifChanged(JsonNode before, JsonNode after) {
        String kind = after.path("kind").asText();
        List<String> reasons = new ArrayList<>();
        for (String field : IMMUTABLE.getOrDefault(kind, List.of())) {
            if (!before.at(field).equals(after.at(field))) {
                reasons.add("changes " + field.substring(1).replace('/', '.') + ", which Kubernetes cannot change in place:"
                        + " the " + kind + " would have to be deleted and made again");
            }
        }
        if ("PersistentVolumeClaim".equals(kind)) {
            shrinks(before.at("/spec/resources/requests/storage"), after.at("/spec/resources/requests/storage"))
                    .ifPresent(reasons::add);
        }
        return reasons;
    }

    /** Volumes can grow but never shrink; a smaller request can only be met by a new, empty volume. */
    private static Optional<String> shrinks(JsonNode before, JsonNode after) {
        Optional<BigDecimal> from = bytes(before.asText());
        Optional<BigDecimal> to = bytes(after.asText());
        if (from.isPresent() && to.isPresent() && to.get().compareTo(from.get()) < 0) {
            return Optional.of("shrinks the claim from " + before.asText() + " to " + after.asText() + ", which no volume can do");
        }
        return Optional.empty();
    }

    /** A Kubernetes quantity ({@code 500Mi}, {@code 20Gi}, {@code 1e9}) as a number; empty when it is not one. */
    private static Optional<BigDecimal> bytes(String quantity) {
        try {
            return quantity.isEmpty() ? Optional.empty() : Optional.of(Quantity.fromString(quantity).getNumber());
        } catch (QuantityFormatException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
