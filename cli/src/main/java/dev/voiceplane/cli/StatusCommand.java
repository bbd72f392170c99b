package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.cli.cluster.Cluster;
import dev.voiceplane.cli.cluster.Revision;
import dev.voiceplane.cli.cluster.Revisions;
import dev.voiceplane.stack.StackConfig;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code voiceplane status}: the guides' status checks ({@code deploy.sh status},
 * {@code disaster-recovery.sh status}, {@code kubectl get pods/hpa/pvc}) in one report of the
 * stack's own objects: workloads ready against desired, autoscalers, claims, backups, and the
 * applied revision. Exit 3 when a workload is not ready or a claim is not bound.
 */
@Command(name = "status", description = "Show a stack's workloads, autoscalers, claims, backups and applied revision; "
        + "exit 3 when something is not ready.", mixinStandardHelpOptions = true, footer = ExitCode.HELP)
final class StatusCommand extends VoiceplaneCommand {
    @Mixin
    StackOption stackOption;

    @Mixin
    ClusterOptions clusterOptions;

    @Mixin
    OutputOptions output;

    /** One line of the report. */
    record Row(String kind, String name, String state, boolean ready) {
    }

    @Override
    int run() throws Exception {
        StackConfig stack = stackOption.load();
        String ns = stack.namespace();
        try (Cluster cluster = clusterOptions.connect()) {
            var client = cluster.client();
            List<Row> rows = new java.util.ArrayList<>();
            for (Deployment d : client.apps().deployments().inNamespace(ns).withLabel(Labels.STACK, stack.name()).list().getItems()) {
                int desired = orZero(d.getSpec().getReplicas());
                int ready = d.getStatus() == null ? 0 : orZero(d.getStatus().getReadyReplicas());
                rows.add(new Row("Deployment", d.getMetadata().getName(), ready + "/" + desired + " ready", ready >= desired));
            }
            for (StatefulSet s : client.apps().statefulSets().inNamespace(ns).withLabel(Labels.STACK, stack.name()).list().getItems()) {
                int desired = orZero(s.getSpec().getReplicas());
                int ready = s.getStatus() == null ? 0 : orZero(s.getStatus().getReadyReplicas());
                rows.add(new Row("StatefulSet", s.getMetadata().getName(), ready + "/" + desired + " ready", ready >= desired));
            }
            for (HorizontalPodAutoscaler h : client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns)
                    .withLabel(Labels.STACK, stack.name()).list().getItems()) {
                int current = h.getStatus() == null ? 0 : orZero(h.getStatus().getCurrentReplicas());
                rows.add(new Row("HorizontalPodAutoscaler", h.getMetadata().getName(), "current " + current + ", min "
                        + orOne(h.getSpec().getMinReplicas()) + ", max " + h.getSpec().getMaxReplicas(), true));
            }
            for (PersistentVolumeClaim c : client.persistentVolumeClaims().inNamespace(ns).withLabel(Labels.STACK, stack.name()).list().getItems()) {
                String phase = c.getStatus() == null || c.getStatus().getPhase() == null ? "Pending" : c.getStatus().getPhase();
                rows.add(new Row("PersistentVolumeClaim", c.getMetadata().getName(), phase, "Bound".equals(phase)));
            }
            for (CronJob j : client.batch().v1().cronjobs().inNamespace(ns).withLabel(Labels.STACK, stack.name()).list().getItems()) {
                var status = j.getStatus();
                String last = status == null || status.getLastScheduleTime() == null ? "never" : status.getLastScheduleTime();
                String success = status == null || status.getLastSuccessfulTime() == null ? "never" : status.getLastSuccessfulTime();
                rows.add(new Row("CronJob", j.getMetadata().getName(), "last run " + last + ", last success " + success, true));
            }
            List<Revision> history = new Revisions(cluster, stack.name(), ns).list();
            Revision current = history.isEmpty() ? null : history.get(history.size() - 1);
            long notReady = rows.stream().filter(r -> !r.ready()).count();
            print(stack, rows, current);
            if (notReady > 0) {
                // A result, not an error: the report above says what is not ready (no error envelope under -o json).
                terminal.error(notReady + " object(s) of stack '" + stack.name() + "' not ready");
                return ExitCode.UNEXPECTED_STATE;
            }
            if (rows.isEmpty()) {
                terminal.warn("no objects of stack '" + stack.name() + "' in namespace " + ns + "; has it been applied?");
            }
            return ExitCode.OK;
        }
    }

    private void print(StackConfig stack, List<Row> rows, Revision current) throws Exception {
        if (output.format() == OutputFormat.json) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode document = json.createObjectNode().put("stack", stack.name()).put("namespace", stack.namespace());
            if (current == null) {
                document.putNull("revision");
            } else {
                document.putObject("revision").put("number", current.number()).put("cause", current.cause())
                        .put("appliedAt", current.appliedAt());
            }
            ArrayNode objects = document.putArray("objects");
            rows.forEach(r -> objects.addObject().put("kind", r.kind()).put("name", r.name()).put("state", r.state()).put("ready", r.ready()));
            terminal.out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } else {
            terminal.out().println("stack " + stack.name() + ", namespace " + stack.namespace() + ", revision "
                    + (current == null ? "none" : current.number() + " (" + current.cause() + ", " + current.appliedAt() + ")"));
            for (Row r : rows) {
                terminal.out().println((r.ready() ? "  " : "! ") + r.kind() + "/" + r.name() + "\t"
                        + (r.ready() ? r.state() : terminal.paint("31", r.state())));
            }
        }
        terminal.out().flush();
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    private static int orOne(Integer n) {
        return n == null ? 1 : n;
    }
}
