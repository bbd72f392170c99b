package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.Component;
import dev.voiceplane.cli.cluster.Cluster;
import dev.voiceplane.cli.cluster.ObjectSet;
import dev.voiceplane.cli.cluster.Revision;
import dev.voiceplane.cli.cluster.Revisions;
import dev.voiceplane.cli.cluster.Rollout;
import dev.voiceplane.cli.cluster.RolloutWait;
import dev.voiceplane.stack.DeployTimeValues;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Synthesizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voiceplane apply}: the guides' deploy scripts ({@code deploy.sh}, {@code --dry-run},
 * {@code --component}, {@code --context}) as one verb. Synthesizes the stack, server-side applies
 * it component by component and records the applied set as a revision for {@code rollback}.
 */
@Command(name = "apply", description = "Apply a stack to the cluster (server-side apply, field manager 'voiceplane'), "
        + "optionally pruning what it no longer synthesizes; records a revision for rollback; waits for the rollout (--no-wait skips it); "
        + "exit 3 when a workload is not ready by --timeout.",
        mixinStandardHelpOptions = true, footer = ExitCode.HELP)
final class ApplyCommand extends VoiceplaneCommand {
    @Mixin
    StackOption stackOption;

    @Mixin
    ClusterOptions clusterOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--component", paramLabel = "<name>",
            description = "Apply only this component (repeatable): namespace, storage, config-security, core-services, services, "
                    + "autoscaling, ingress, monitoring, backups.")
    List<String> components = new ArrayList<>();

    @Option(names = "--prune", description = "Delete live objects labelled with this stack that it no longer synthesizes.")
    boolean prune;

    @Option(names = "--allow-data-loss", description = "Let prune delete, and apply replace, objects that hold data.")
    boolean allowDataLoss;

    @Option(names = "--dry-run", description = "Show what would change against the live objects; write nothing.")
    boolean dryRun;

    @Option(names = "--no-wait", description = "Do not wait for Deployments, StatefulSets, DaemonSets and Jobs to roll out.")
    boolean noWait;

    @Mixin
    RolloutOptions rolloutOptions;

    @Override
    int run() throws Exception {
        Set<String> selected = new LinkedHashSet<>();
        for (String component : components) {
            try {
                selected.add(Component.fromId(component).id());
            } catch (IllegalArgumentException e) {
                return fail(ExitCode.BAD_INPUT, "--component: " + e.getMessage());
            }
        }
        StackConfig stack = stackOption.load();
        List<String> deployTime = DeployTimeValues.missing(stack);
        if (!deployTime.isEmpty()) {
            // Without them every ExternalSecret (and the backup jobs) fail on the cluster; pulumi up fills them in.
            return fail(ExitCode.BAD_INPUT, "stack '" + stack.name() + "' leaves " + String.join(", ", deployTime)
                    + " to infra: deploy it with pulumi up, or set them in its stack file (pulumi stack output) to apply without Pulumi");
        }
        terminal.progress("Synthesizing stack '" + stack.name() + "'");
        ObjectSet synthesized = ObjectSet.of(stack.name(), Synthesizer.synth(stack));
        ObjectSet wanted = synthesized.only(selected);
        if (wanted.size() == 0) {
            return fail(ExitCode.BAD_INPUT, "--component " + String.join(", ", selected) + ": stack '" + stack.name() + "' has no objects there");
        }
        try (Cluster cluster = clusterOptions.connect()) {
            terminal.progress((dryRun ? "Comparing with " : "Applying to ") + cluster.description());
            Revisions revisions = new Revisions(cluster, stack.name(), stack.namespace());
            List<Revision> history = revisions.list();
            Set<ObjectSet.Kind> kinds = new LinkedHashSet<>(synthesized.kinds());
            kinds.addAll(ObjectSet.Kind.ALWAYS);
            history.forEach(r -> kinds.addAll(r.objects().kinds()));
            Rollout.Result result = new Rollout(cluster, terminal).run(stack.name(), wanted, synthesized.byKey().keySet(), kinds,
                    rolloutOptions.toOptions(prune, allowDataLoss), dryRun);
            Revision revision = null;
            if (!dryRun && !result.refused()) {
                ObjectSet previous = history.isEmpty() ? new ObjectSet(java.util.Map.of()) : history.get(history.size() - 1).objects();
                List<String> order = synthesized.byComponent().keySet().stream().toList();
                revision = revisions.record(previous.overlaidWith(wanted, order),
                        "apply" + (selected.isEmpty() ? "" : " --component " + String.join(",", selected)));
            }
            Map<String, String> notReady = Map.of();
            if (!dryRun && !result.refused() && !noWait) {
                terminal.progress("Waiting up to " + rolloutOptions.timeoutSeconds + " s for the rollout");
                List<ObjectNode> applied = wanted.byComponent().values().stream().flatMap(List::stream).toList();
                notReady = new RolloutWait(cluster, terminal).await(applied, rolloutOptions.timeoutSeconds);
            }
            report(stack.name(), result, revision, notReady);
            int verdict = verdict(result);
            if (verdict == ExitCode.OK && !notReady.isEmpty()) {
                notReady.forEach((object, why) -> terminal.error("not ready: " + object + ": " + why));
                // A result, not an error: the report above (JSON: notReady) already says it, as status does for exit 3.
                terminal.error(notReady.size() + " workload(s) of stack '" + stack.name()
                        + "' did not roll out (applied, recorded as revision " + (revision == null ? "none" : revision.number())
                        + "); see 'voiceplane status', or roll back with 'voiceplane rollback'");
                return ExitCode.UNEXPECTED_STATE;
            }
            return verdict;
        }
    }

    private int verdict(Rollout.Result result) {
        if (result.refused()) {
            terminal.error("nothing applied: a change would replace an object holding data; if that is meant, run again with --allow-data-loss");
            return ExitCode.FAILURE;
        }
        if (!result.kept().isEmpty()) {
            result.kept().forEach((object, why) -> terminal.error("not pruned " + object + ": " + why));
            terminal.error(result.kept().size() + " object(s) holding data were kept; to delete them, run again with --prune --allow-data-loss");
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }

    private void report(String stack, Rollout.Result result, Revision revision, Map<String, String> notReady) throws Exception {
        var diff = result.diff();
        String counts = diff.summary();
        if (output.format() == OutputFormat.json) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode document = DiffPrinter.putCounts(json.createObjectNode().put("stack", stack).put("dryRun", dryRun)
                    .put("refused", result.refused()), diff);
            if (revision != null) {
                document.put("revision", revision.number());
            } else {
                document.putNull("revision");
            }
            document.set("applied", json.valueToTree(result.applied()));
            document.set("replaced", json.valueToTree(result.replaced()));
            document.set("pruned", json.valueToTree(result.pruned()));
            document.set("kept", json.valueToTree(result.kept()));
            document.set("notReady", json.valueToTree(notReady));
            if (dryRun) {
                DiffPrinter.putChanges(json, document, diff);
            }
            terminal.out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } else if (dryRun) {
            DiffPrinter.printUnified(terminal, diff);
            terminal.out().println(stack + ": " + counts + " (dry run, nothing written)");
        } else {
            terminal.out().println(stack + ": applied " + result.applied().size() + ", replaced " + result.replaced().size() + ", pruned "
                    + result.pruned().size() + ", kept " + result.kept().size()
                    + (revision != null ? "; revision " + revision.number() : ""));
        }
        terminal.out().flush();
        if (!dryRun && !result.refused()) {
            terminal.success("Applied stack '" + stack + "': " + counts + (revision != null ? ", revision " + revision.number() : ""));
        } else {
            terminal.progress(stack + ": " + counts);
        }
    }
}
