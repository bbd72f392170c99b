package dev.voiceplane.charts.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Grafana dashboard as code: panels laid out left to right on Grafana's 24-column grid, each with
 * PromQL targets on the provisioned Prometheus datasource, rendered to the dashboard JSON model
 * (https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/).
 */
public final class Dashboard {
    /** The uid the provisioned Prometheus datasource has; panels refer to it. */
    public static final String PROMETHEUS_UID = "prometheus";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a panel draws its values and in which unit (Grafana unit ids: s, percentunit, reqps, bytes, short). */
    public enum Kind { TIMESERIES, STAT, GAUGE }

    /** One query of a panel; {@code legend} uses Grafana's {@code {{label}}} syntax. */
    public record Target(String expr, String legend) {
        public Target {
            Objects.requireNonNull(expr, "expr");
            Objects.requireNonNull(legend, "legend");
        }
    }

    /**
     * @param width  grid columns out of 24
     * @param height grid rows
     */
    public record Panel(String title, Kind kind, String unit, int width, int height, List<Target> targets) {
        public Panel {
            if (width < 1 || width > 24) {
                throw new IllegalArgumentException("panel '" + title + "': width must be 1..24 grid columns, got " + width);
            }
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("panel '" + title + "' has no query");
            }
            targets = List.copyOf(targets);
        }

        public static Panel stat(String title, String unit, String expr) {
            return new Panel(title, Kind.STAT, unit, 6, 4, List.of(new Target(expr, "")));
        }

        public static Panel graph(String title, String unit, Target... targets) {
            return new Panel(title, Kind.TIMESERIES, unit, 12, 8, List.of(targets));
        }
    }

    private final String uid;
    private final String title;
    private final List<String> tags;
    private final List<Panel> panels = new ArrayList<>();
    private final List<String> serviceVariable = new ArrayList<>();

    /**
     * @param uid stable id (Grafana URLs and links use it); at most 40 characters
     */
    public Dashboard(String uid, String title, List<String> tags) {
        if (!uid.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("dashboard uid '" + uid + "' must be 1-40 lower-case letters, digits or '-'");
        }
        this.uid = uid;
        this.title = Objects.requireNonNull(title, "title");
        this.tags = List.copyOf(tags);
    }

    public String uid() {
        return uid;
    }

    public String title() {
        return title;
    }

    public Dashboard add(Panel panel) {
        panels.add(panel);
        return this;
    }

    /** Adds a {@code $service} drop-down filled from the values of {@code label} on {@code metric}. */
    public Dashboard serviceVariable(String metric, String label) {
        serviceVariable.clear();
        serviceVariable.add(metric);
        serviceVariable.add(label);
        return this;
    }

    public List<Panel> panels() {
        return List.copyOf(panels);
    }

    /** The dashboard JSON model. */
    public ObjectNode toJson() {
        ObjectNode d = JSON.createObjectNode();
        d.put("uid", uid);
        d.put("title", title);
        tags.forEach(d.putArray("tags")::add);
        d.put("schemaVersion", 39);
        d.put("version", 1);
        d.put("editable", false);
        d.put("refresh", "30s");
        d.put("timezone", "browser");
        d.putObject("time").put("from", "now-6h").put("to", "now");
        ObjectNode templating = d.putObject("templating");
        ArrayNode list = templating.putArray("list");
        if (!serviceVariable.isEmpty()) {
            ObjectNode v = list.addObject();
            v.put("name", "service");
            v.put("label", "Service");
            v.put("type", "query");
            datasource(v.putObject("datasource"));
            v.put("query", "label_values(" + serviceVariable.get(0) + ", " + serviceVariable.get(1) + ")");
            v.put("refresh", 2);
            v.put("includeAll", true);
            v.put("multi", true);
            v.put("sort", 1);
        }
        ArrayNode out = d.putArray("panels");
        int x = 0;
        int y = 0;
        int rowHeight = 0;
        int id = 1;
        for (Panel p : panels) {
            if (x + p.width() > 24) {
                x = 0;
                y += rowHeight;
                rowHeight = 0;
            }
            ObjectNode panel = out.addObject();
            panel.put("id", id++);
            panel.put("title", p.title());
            panel.put("type", switch (p.kind()) {
                case TIMESERIES -> "timeseries";
                case STAT -> "stat";
                case GAUGE -> "gauge";
            });
            datasource(panel.putObject("datasource"));
            panel.putObject("gridPos").put("x", x).put("y", y).put("w", p.width()).put("h", p.height());
            ObjectNode fieldConfig = panel.putObject("fieldConfig");
            fieldConfig.putObject("defaults").put("unit", p.unit());
            fieldConfig.putArray("overrides");
            ArrayNode targets = panel.putArray("targets");
            char ref = 'A';
            for (Target t : p.targets()) {
                ObjectNode target = targets.addObject();
                target.put("refId", String.valueOf(ref++));
                target.put("expr", t.expr());
                target.put("legendFormat", t.legend());
                datasource(target.putObject("datasource"));
            }
            x += p.width();
            rowHeight = Math.max(rowHeight, p.height());
        }
        return d;
    }

    private static void datasource(ObjectNode ds) {
        ds.put("type", "prometheus");
        ds.put("uid", PROMETHEUS_UID);
    }

    /** The JSON model as text, as a ConfigMap carries it. */
    public String render() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
