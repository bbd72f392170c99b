package dev.voiceplane.cli.diff;

/**
 * What makes a change risky, one class per way a pull request can hurt a running stack. A change
 * with none of these is a plain change (an image tag, a setting, a new object).
 */
public enum RiskClass {
    /** A field the API server cannot change in place: apply fails until the object is deleted and made again. */
    REPLACE("replace", "replaced (immutable field)"),
    /** Deleting or replacing something that holds data. */
    DATA_LOSS("data-loss", "data loss"),
    /** New verbs, resources or wildcards in a role; a binding that grants more, or to more subjects. */
    RBAC_WIDENED("rbac-widened", "RBAC widened"),
    /** A NetworkPolicy that lets more through, or is gone. */
    NETWORK_OPENED("network-opened", "NetworkPolicy opened or removed"),
    /** A PodDisruptionBudget that lets more pods go at once, or is gone. */
    PDB_LOOSENED("pdb-loosened", "PodDisruptionBudget loosened"),
    /** Fewer replicas, or a lower autoscaling minimum. */
    CAPACITY_REDUCED("capacity-reduced", "replicas or HPA minimum reduced"),
    /** A Service's ports, selector or type: clients may stop reaching it. */
    SERVICE_CHANGED("service-changed", "Service port or selector changed"),
    /** A stack the base had and this change does not. */
    STACK_REMOVED("stack-removed", "stack removed");

    private final String id;
    private final String title;

    RiskClass(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** As written on the command line and in JSON, e.g. {@code data-loss}. */
    public String id() {
        return id;
    }

    /** As a person reads it in a report. */
    public String title() {
        return title;
    }

    public static RiskClass fromId(String id) {
        for (RiskClass c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown risk class '" + id + "'; one of: " + String.join(", ", ids()));
    }

    public static java.util.List<String> ids() {
        return java.util.Arrays.stream(values()).map(RiskClass::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
