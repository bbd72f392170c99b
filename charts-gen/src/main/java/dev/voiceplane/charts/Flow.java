package dev.voiceplane.charts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One connection the network must allow, and why: the unit {@link NetworkPolicies} is built from.
 * Every allow rule in the output is some Flow's, so each can be traced to the declaration that
 * asked for it (a catalog {@code calls}, {@code stores}, {@code externalApis} or exposure, or a
 * construct's own needs).
 *
 * @param from     who opens the connection
 * @param to       who accepts it
 * @param port     destination port
 * @param protocol TCP or UDP
 * @param reason   the declaration behind it, e.g. {@code "catalog: smart-whitelist calls profile-analytics"}
 */
public record Flow(Peer from, Peer to, int port, String protocol, String reason) {
    /** Where a workload reaches a cloud API or webhook on the internet. */
    public static final int HTTPS = 443;


    public Flow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        if (!protocol.equals("TCP") && !protocol.equals("UDP")) {
            throw new IllegalArgumentException("protocol must be TCP or UDP, got " + protocol);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        if (!from.local() && !to.local()) {
            throw new IllegalArgumentException("a flow needs a workload of this namespace on one end: " + from + " -> " + to);
        }
    }

    public static Flow tcp(Peer from, Peer to, int port, String reason) {
        return new Flow(from, to, port, "TCP", reason);
    }

    /**
     * One end of a flow: pods of this namespace by workload name, pods (or all) of another
     * namespace, or addresses outside the cluster.
     *
     * @param workload  name of pods in this namespace (their {@code app.kubernetes.io/name} unless
     *                  {@code podLabels} says otherwise); null otherwise
     * @param namespace another namespace, by name; null for this one or for addresses
     * @param podLabels labels selecting the pods: in {@code namespace} (empty for all its pods), or of
     *                  a local workload not labelled by us
     * @param cidr      an address range outside the cluster; null otherwise
     * @param except    ranges cut out of {@code cidr}
     */
    public record Peer(String workload, String namespace, Map<String, String> podLabels, String cidr, List<String> except) {
        /** Every private range, cut out of "the internet" so it never reaches cluster or VPC addresses. */
        public static final List<String> PRIVATE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");

        public Peer {
            podLabels = podLabels == null ? Map.of() : Map.copyOf(podLabels);
            except = except == null ? List.of() : List.copyOf(except);
        }

        /** Pods of a workload in this namespace. */
        public static Peer workload(String name) {
            return new Peer(Objects.requireNonNull(name), null, null, null, null);
        }

        /** Pods of this namespace that others label, e.g. cert-manager's challenge solvers. */
        public static Peer pods(String name, Map<String, String> podLabels) {
            if (podLabels.isEmpty()) {
                throw new IllegalArgumentException("pods '" + name + "' need labels to select them by");
            }
            return new Peer(Objects.requireNonNull(name), null, podLabels, null, null);
        }

        /** Labels selecting a local workload's pods. */
        public Map<String, String> selector() {
            if (workload == null) {
                throw new IllegalStateException(this + " is not a workload of this namespace");
            }
            return podLabels.isEmpty() ? Map.of("app.kubernetes.io/name", workload) : podLabels;
        }

        /** Pods of another namespace, all of them when {@code podLabels} is empty. */
        public static Peer namespace(String namespace, Map<String, String> podLabels) {
            return new Peer(null, Objects.requireNonNull(namespace), podLabels, null, null);
        }

        /** Public addresses: anywhere but private ranges and the cloud metadata endpoint. */
        public static Peer internet() {
            return new Peer(null, null, null, "0.0.0.0/0", PRIVATE);
        }

        /** A private network outside the cluster, e.g. where managed databases answer. */
        public static Peer network(String cidr) {
            return new Peer(null, null, null, Objects.requireNonNull(cidr), null);
        }

        /** Whether this is a workload of the namespace the policies are written for. */
        public boolean local() {
            return workload != null;
        }

        @Override
        public String toString() {
            if (workload != null) {
                return workload;
            }
            if (namespace != null) {
                // Sorted: Map.copyOf's iteration order changes from one JVM to the next, the output must not.
                return podLabels.isEmpty() ? "namespace " + namespace : namespace + "/" + new java.util.TreeMap<>(podLabels).values();
            }
            return cidr + (except.isEmpty() ? "" : " except " + except);
        }
    }
}
