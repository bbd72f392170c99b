package dev.voiceplane.charts;

/**
 * The charts a stack is split into, mirroring the files of the ai-ninja guide ("Configuration
 * Files"); each becomes one output file, so synth and apply can select components. Declared in
 * apply order: the cluster-wide objects first, the namespace before what lives in it, configuration
 * before the workloads reading it.
 */
public enum Component {
    /**
     * Cluster-wide objects the system needs but does not own alone (StorageClasses, cert-manager
     * ClusterIssuers): two systems on one cluster share them. Plain synth and {@code voiceplane apply}
     * write them first; the system's Helm chart leaves them out ({@link #inAppChart()}), because infra
     * installs them as a release of their own after the add-ons whose kinds they use.
     */
    CLUSTER("cluster"),
    NAMESPACE("namespace"),
    STORAGE("storage"),
    CONFIG_SECURITY("config-security"),
    CORE_SERVICES("core-services"),
    SERVICES("services"),
    AUTOSCALING("autoscaling"),
    INGRESS("ingress"),
    MONITORING("monitoring"),
    BACKUPS("backups");

    private final String id;

    Component(String id) {
        this.id = id;
    }

    /** The chart's name and output file stem, e.g. {@code core-services}. */
    public String id() {
        return id;
    }

    public String fileName() {
        return id + ".yaml";
    }

    /** Whether the system's Helm chart carries this component; only {@link #CLUSTER} is left out. */
    public boolean inAppChart() {
        return this != CLUSTER;
    }

    /** Parses a component id as given on the command line; the message lists the valid ones. */
    public static Component fromId(String id) {
        for (Component c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Component c : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(c.id);
        }
        throw new IllegalArgumentException("unknown component '" + id + "'; expected one of: " + known);
    }
}
