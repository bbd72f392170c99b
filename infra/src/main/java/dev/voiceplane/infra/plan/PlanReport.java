package dev.voiceplane.infra.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link Plan} for people (text: one block per resource, its leaf inputs as {@code path = value})
 * and for machines (JSON: every input). Secret values never appear: inputs that hold credentials
 * (kubeconfigs, passwords, a Secret's data) and every value the program received as a secret
 * stand-in are shown as {@value #SECRET}. Stable order (the program's registration order), so two
 * plans of the same stack diff cleanly.
 */
public final class PlanReport {
    public static final String SECRET = "[secret]";
    /** Input names that hold credentials whatever the resource. */
    static final Set<String> SECRET_INPUTS = Set.of("kubeconfig", "administratorLoginPassword", "stringData", "password");
    /** Input names that hold credentials in one resource type: a Secret's data, a Key Vault entry's value. */
    static final Map<String, Set<String>> SECRET_INPUTS_OF = Map.of(
            "kubernetes:core/v1:Secret", Set.of("data"),
            "azure-native:keyvault:Secret", Set.of("value"));
    /** Text mode cuts longer values (chart values, policies) to this many characters. */
    static final int TEXT_WIDTH = 100;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private PlanReport() {
    }

    /**
     * The node's inputs with secrets replaced by {@value #SECRET}, and paths under the plan's charts
     * directory (a temporary one) written {@code <charts>/...}, so the same stack plans identically.
     */
    public static Map<String, Object> redacted(Plan plan, Plan.Node node) {
        return redact(plan.chartsRoot().toString(), node.type(), node.inputs());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> redact(String charts, String type, Map<String, Object> inputs) {
        Map<String, Object> out = new TreeMap<>();
        inputs.forEach((k, v) -> {
            boolean secretOfType = SECRET_INPUTS_OF.getOrDefault(type, Set.of()).contains(k);
            out.put(k, SECRET_INPUTS.contains(k) || secretOfType ? SECRET : redactValue(charts, type, v));
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object redactValue(String charts, String type, Object v) {
        if (v instanceof Map<?, ?> m) {
            return redact(charts, type, (Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(x -> redactValue(charts, type, x)).toList();
        }
        if (v instanceof String s && s.contains(Plan.SECRET_STAND_IN)) {
            return SECRET;
        }
        if (v instanceof String s && s.startsWith(charts)) {
            return "<charts>" + s.substring(charts.length());
        }
        return v;
    }

    /** One stack's graph as JSON: stack, errors, resources (type, name, parent, dependsOn, provider, options, inputs), outputs. */
    public static Map<String, Object> json(Plan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stack", plan.stack());
        out.put("errors", plan.errors());
        List<Object> resources = new ArrayList<>();
        for (Plan.Node n : plan.nodes()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("type", n.type());
            r.put("name", n.name());
            r.put("parent", n.parent());
            r.put("dependsOn", n.dependsOn());
            r.put("provider", n.provider());
            r.put("protect", n.protect());
            r.put("retainOnDelete", n.retainOnDelete());
            r.put("ignoreChanges", n.ignoreChanges());
            r.put("inputs", redacted(plan, n));
            resources.add(r);
        }
        out.put("resources", resources);
        out.put("outputs", redactValue(plan.chartsRoot().toString(), "", plan.outputs()));
        return out;
    }

    public static String jsonText(List<Plan> plans) {
        try {
            return JSON.writeValueAsString(plans.stream().map(PlanReport::json).toList());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The graph for a terminal: a header per resource, then its relations and leaf inputs, indented. */
    public static String text(Plan plan) {
        StringBuilder b = new StringBuilder();
        b.append("stack ").append(plan.stack()).append(": ").append(plan.nodes().size()).append(" resources\n");
        for (Plan.Node n : plan.nodes()) {
            b.append("\n+ ").append(n.type()).append("  ").append(n.name());
            if (n.protect()) {
                b.append("  [protect").append(n.retainOnDelete() ? ", retain" : "").append(']');
            }
            b.append('\n');
            line(b, "parent", n.parent());
            line(b, "provider", n.provider());
            line(b, "dependsOn", n.dependsOn().isEmpty() ? "" : String.join(", ", n.dependsOn()));
            line(b, "ignoreChanges", n.ignoreChanges().isEmpty() ? "" : String.join(", ", n.ignoreChanges()));
            Map<String, String> leaves = new TreeMap<>();
            redacted(plan, n).forEach((k, v) -> flatten(k, v, leaves));
            leaves.forEach((k, v) -> b.append("    ").append(k).append(" = ").append(cut(v)).append('\n'));
        }
        if (!plan.errors().isEmpty()) {
            b.append("\nerrors:\n");
            plan.errors().forEach(e -> b.append("  ").append(e).append('\n'));
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        if (!value.isEmpty()) {
            b.append("    (").append(label).append(") ").append(value).append('\n');
        }
    }

    private static void flatten(String prefix, Object v, Map<String, String> out) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.put(prefix, "{}");
            }
            m.forEach((k, x) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, x, out));
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                out.put(prefix, "[]");
            }
            for (int i = 0; i < l.size(); i++) {
                flatten(prefix + "[" + i + "]", l.get(i), out);
            }
        } else {
            out.put(prefix, v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(v));
        }
    }

    private static String cut(String v) {
        String oneLine = v.replace("\n", "\\n");
        return oneLine.length() <= TEXT_WIDTH ? oneLine : oneLine.substring(0, TEXT_WIDTH) + "... (" + oneLine.length() + " chars)";
    }
}
