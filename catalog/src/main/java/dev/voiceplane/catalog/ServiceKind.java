package dev.voiceplane.catalog;

/**
 * What a service does, written as its {@code app.kubernetes.io/component} label. Decisions that depend
 * on it (a worker scales on CPU alone and within the worker bounds) switch on the kind, not on the label text.
 */
public enum ServiceKind {
    /** An HTTP API. */
    API("api"),
    /** Live calls over WebSocket. */
    REALTIME("realtime"),
    /** Language models and conversation. */
    AI("ai"),
    /** Analytics over past calls. */
    ANALYTICS("analytics"),
    /** A background worker taking jobs from a queue; serves no public route. */
    WORKER("worker");

    private final String label;

    ServiceKind(String label) {
        this.label = label;
    }

    /** The {@code app.kubernetes.io/component} label value. */
    public String label() {
        return label;
    }
}
