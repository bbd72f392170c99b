package dev.voiceplane.catalog;

/** The two systems voiceplane deploys; the value is the Kubernetes namespace and the part-of label. */
public enum SystemName {
    AI_NINJA("ai-ninja"),
    BHARATVOICE("bharatvoice");

    private final String id;

    SystemName(String id) {
        this.id = id;
    }

    /** The name used in namespaces, labels and stack files. */
    public String id() {
        return id;
    }

    /** Parses a stack file's {@code system} value; the message lists what is accepted. */
    public static SystemName fromId(String id) {
        for (SystemName s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown system '" + id + "'; expected one of: ai-ninja, bharatvoice");
    }
}
