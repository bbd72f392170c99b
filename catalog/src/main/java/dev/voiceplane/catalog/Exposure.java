package dev.voiceplane.catalog;

/** How a service is reached from outside the cluster, if at all. */
public enum Exposure {
    /** Cluster-internal only: no ingress rule, reached by other services. */
    INTERNAL,
    /** Behind the ingress as an HTTP API (the {@code api.} host). */
    PUBLIC_API,
    /** Behind the ingress as a WebSocket endpoint (the {@code ws.} host), with session affinity. */
    PUBLIC_WEBSOCKET
}
