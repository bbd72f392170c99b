package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a change adds to what the cluster lets someone do: a role's rules expanded into single
 * grants (group, resource, name, verb) so that any new grant shows, wildcards named as such; a
 * binding's new subjects, with the groups that reach every account called out.
 * (RBAC is purely additive, https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole,
 * so a grant the base did not have is a widening, whatever else changed.)
 */
final class RbacWidening {
    /** Subjects that stand for many accounts at once (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects). */
    private static final Set<String> BROAD_GROUPS = Set.of("system:authenticated", "system:unauthenticated", "system:serviceaccounts");

    private RbacWidening() {
    }

    static List<Risk> of(JsonNode before, JsonNode after) {
        if (after == null) {
            return List.of(); // deleting a grant narrows
        }
        String kind = after.path("kind").asText();
        return switch (kind) {
            case "Role", "ClusterRole" -> roles(before, after);
            case "RoleBinding", "ClusterRoleBinding" -> bindings(before, after);
            default -> List.of();
        };
    }

    private static List<Risk> roles(JsonNode before, JsonNode after) {
        Set<String> had = before == null ? Set.of() : grants(before);
        List<String> added = new ArrayList<>();
        for (String grant : grants(after)) {
            if (!had.contains(grant)) {
                added.add(grant);
            }
        }
        if (added.isEmpty() || before == null && added.stream().noneMatch(g -> g.contains("*"))) {
            // A new role grants nothing until bound; its binding is what is reported. One with a wildcard is called out.
            return List.of();
        }
        boolean wildcard = added.stream().anyMatch(g -> g.contains("*"));
        String shown = String.join("; ", added.size() > 6 ? added.subList(0, 6) : added) + (added.size() > 6 ? "; ..." : "");
        return List.of(new Risk(RiskClass.RBAC_WIDENED, (before == null ? "new role grants " : "grants ") + added.size()
                + " more permission(s)" + (wildcard ? ", with a wildcard" : "") + ": " + shown));
    }

    /** Every (verb, apiGroup/resource[/name]) a role's rules allow, one string each. */
    private static Set<String> grants(JsonNode role) {
        Set<String> grants = new LinkedHashSet<>();
        for (JsonNode rule : role.path("rules")) {
            List<String> groups = list(rule.path("apiGroups"), "");
            List<String> resources = list(rule.path("resources"), null);
            List<String> names = list(rule.path("resourceNames"), "");
            List<String> urls = list(rule.path("nonResourceURLs"), null);
            for (String verb : list(rule.path("verbs"), null)) {
                for (String group : groups) {
                    for (String resource : resources) {
                        for (String name : names) {
                            grants.add(verb + " " + (group.isEmpty() ? "" : group + "/") + resource + (name.isEmpty() ? "" : "/" + name));
                        }
                    }
                }
                for (String url : urls) {
                    grants.add(verb + " " + url);
                }
            }
        }
        return grants;
    }

    private static List<String> list(JsonNode array, String whenEmpty) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        if (out.isEmpty() && whenEmpty != null) {
            out.add(whenEmpty);
        }
        return out;
    }

    private static List<Risk> bindings(JsonNode before, JsonNode after) {
        List<Risk> risks = new ArrayList<>();
        Set<String> had = before == null ? Set.of() : subjects(before);
        List<String> added = new ArrayList<>();
        for (String subject : subjects(after)) {
            if (!had.contains(subject)) {
                added.add(subject);
            }
        }
        String role = after.at("/roleRef/kind").asText() + "/" + after.at("/roleRef/name").asText();
        if (before != null && !before.path("roleRef").equals(after.path("roleRef"))) {
            risks.add(new Risk(RiskClass.RBAC_WIDENED, "binds " + role + " instead of " + before.at("/roleRef/kind").asText() + "/"
                    + before.at("/roleRef/name").asText()));
        }
        if (!added.isEmpty()) {
            boolean broad = added.stream().anyMatch(s -> BROAD_GROUPS.stream().anyMatch(s::endsWith)
                    || s.startsWith("Group/system:serviceaccounts:"));
            risks.add(new Risk(RiskClass.RBAC_WIDENED, (before == null ? "new binding of " : "binds ") + role + " to "
                    + String.join(", ", added) + (broad ? " (a group that reaches many accounts)" : "")));
        }
        return risks;
    }

    private static Set<String> subjects(JsonNode binding) {
        Set<String> subjects = new LinkedHashSet<>();
        for (JsonNode s : binding.path("subjects")) {
            String namespace = s.path("namespace").asText("");
            subjects.add(s.path("kind").asText() + "/" + (namespace.isEmpty() ? "" : namespace + "/") + s.path("name").asText());
        }
        return subjects;
    }
}
