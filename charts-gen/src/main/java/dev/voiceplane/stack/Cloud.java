package dev.voiceplane.stack;

/** Where the cluster runs: a laptop cluster, Azure (ai-ninja) or AWS (BharatVoice). */
public enum Cloud {
    NONE("none"),
    AZURE("azure"),
    AWS("aws");

    private final String id;

    Cloud(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
