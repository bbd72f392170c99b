package dev.voiceplane.stack;

/** How serious a stack is; production turns on availability rules (three replicas at least). */
public enum Environment {
    LOCAL("local"),
    STAGING("staging"),
    PRODUCTION("production");

    private final String id;

    Environment(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
