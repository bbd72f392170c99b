package dev.voiceplane.validate;

/** Which of validate's three layers a rule belongs to; the report lists them in this order. */
public enum Layer {
    /** Each object against its published schema (Kubernetes OpenAPI, CRD models, the PromQL grammar). */
    SCHEMA("schema"),
    /** Each object (and the pods it makes) against policy: Pod Security, resources, probes, images, ... */
    OBJECT_POLICY("object policy"),
    /** Objects against each other and against the cluster and cloud they land on. */
    CROSS_OBJECT("cross-object");

    private final String title;

    Layer(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
