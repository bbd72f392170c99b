package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a change lets through that the base did not. A policy is expanded, per direction, into the
 * (peer, port) pairs it allows; a pair the base did not have is an opening, and a wider ipBlock is
 * named as such. A direction the policy no longer lists in policyTypes is no longer restricted at
 * all, and a policy deleted lets everything it denied through
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies).
 */
final class NetworkOpening {
    private static final String ANY = "any";

    private NetworkOpening() {
    }

    static List<Risk> of(JsonNode before, JsonNode after) {
        JsonNode any = after != null ? after : before;
        if (!"NetworkPolicy".equals(any.path("kind").asText()) || before == null) {
            return List.of(); // a new policy only ever restricts
        }
        if (after == null) {
            return List.of(new Risk(RiskClass.NETWORK_OPENED, "removes the policy" + (isDefaultDeny(before) ? " (a default deny)" : "")
                    + ": what it denied is let through"));
        }
        List<Risk> risks = new ArrayList<>();
        if (!before.at("/spec/podSelector").equals(after.at("/spec/podSelector"))) {
            risks.add(new Risk(RiskClass.NETWORK_OPENED, "selects other pods (" + after.at("/spec/podSelector")
                    + " instead of " + before.at("/spec/podSelector") + "): pods it protected may no longer be"));
        }
        for (String direction : List.of("Ingress", "Egress")) {
            boolean wasRestricted = restricts(before, direction);
            boolean isRestricted = restricts(after, direction);
            if (wasRestricted && !isRestricted) {
                risks.add(new Risk(RiskClass.NETWORK_OPENED, "no longer restricts " + direction.toLowerCase()
                        + (allowances(before, direction).isEmpty() ? " (a default deny removed)" : "")));
                continue;
            }
            if (!isRestricted) {
                continue;
            }
            Set<String> had = allowances(before, direction);
            List<String> added = new ArrayList<>();
            for (String allowance : allowances(after, direction)) {
                if (!had.contains(allowance) && !withinEarlierBlock(allowance, had)) {
                    added.add(wider(allowance, had));
                }
            }
            if (!added.isEmpty()) {
                risks.add(new Risk(RiskClass.NETWORK_OPENED, (had.isEmpty() ? "default deny of " + direction.toLowerCase() + " now allows "
                        : "allows " + direction.toLowerCase() + " ") + String.join("; ", added)));
            }
        }
        return risks;
    }

    /** Whether the policy restricts this direction: listed in policyTypes, or (without policyTypes) ingress always, egress when it has rules. */
    private static boolean restricts(JsonNode policy, String direction) {
        JsonNode types = policy.at("/spec/policyTypes");
        if (types.isArray() && !types.isEmpty()) {
            for (JsonNode t : types) {
                if (t.asText().equals(direction)) {
                    return true;
                }
            }
            return false;
        }
        return direction.equals("Ingress") || policy.at("/spec/egress").isArray();
    }

    private static boolean isDefaultDeny(JsonNode policy) {
        return (restricts(policy, "Ingress") && allowances(policy, "Ingress").isEmpty())
                || (restricts(policy, "Egress") && allowances(policy, "Egress").isEmpty());
    }

    /** Each "peer -> port" pair one direction's rules allow. */
    private static Set<String> allowances(JsonNode policy, String direction) {
        boolean ingress = direction.equals("Ingress");
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode rule : policy.at(ingress ? "/spec/ingress" : "/spec/egress")) {
            JsonNode peers = rule.path(ingress ? "from" : "to");
            List<String> peerList = new ArrayList<>();
            if (!peers.isArray() || peers.isEmpty()) {
                peerList.add(ANY);
            } else {
                peers.forEach(p -> peerList.add(peer(p)));
            }
            List<String> ports = new ArrayList<>();
            if (!rule.path("ports").isArray() || rule.path("ports").isEmpty()) {
                ports.add("any port");
            } else {
                rule.path("ports").forEach(p -> ports.add(p.path("protocol").asText("TCP") + "/" + p.path("port").asText("any")
                        + (p.has("endPort") ? "-" + p.path("endPort").asText() : "")));
            }
            for (String peer : peerList) {
                for (String port : ports) {
                    out.add(peer + " -> " + port);
                }
            }
        }
        return out;
    }

    private static String peer(JsonNode peer) {
        if (peer.has("ipBlock")) {
            JsonNode block = peer.path("ipBlock");
            return "ipBlock " + block.path("cidr").asText() + (block.has("except") ? " except " + block.path("except") : "");
        }
        List<String> parts = new ArrayList<>();
        if (peer.has("namespaceSelector")) {
            parts.add("namespaces " + peer.path("namespaceSelector"));
        }
        if (peer.has("podSelector")) {
            parts.add("pods " + peer.path("podSelector"));
        }
        return String.join(" ", parts);
    }

    /** An ipBlock allowance inside a block the base already allowed on the same port lets nothing new through. */
    private static boolean withinEarlierBlock(String allowance, Set<String> had) {
        if (!allowance.startsWith("ipBlock ") || allowance.contains(" except ")) {
            return false;
        }
        String cidr = allowance.substring("ipBlock ".length()).split("[ ]")[0];
        String port = allowance.substring(allowance.indexOf(" -> "));
        return had.stream().anyMatch(earlier -> earlier.startsWith("ipBlock ") && !earlier.contains(" except ") && earlier.endsWith(port)
                && Cidr.contains(earlier.substring("ipBlock ".length()).split("[ ]")[0], cidr));
    }

    /** Names an ipBlock allowance that contains one the base had as a widening of it. */
    private static String wider(String allowance, Set<String> had) {
        if (!allowance.startsWith("ipBlock ")) {
            return allowance;
        }
        String cidr = allowance.substring("ipBlock ".length()).split("[ ]")[0];
        String port = allowance.substring(allowance.indexOf(" -> "));
        for (String earlier : had) {
            if (earlier.startsWith("ipBlock ") && earlier.endsWith(port)) {
                String old = earlier.substring("ipBlock ".length()).split("[ ]")[0];
                if (Cidr.contains(cidr, old)) {
                    return "ipBlock widened from " + old + " to " + cidr + port;
                }
            }
        }
        return allowance;
    }
}
