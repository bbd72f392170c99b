package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceplane.cli.cluster.Cluster;
import dev.voiceplane.cli.cluster.ObjectSet;
import dev.voiceplane.cli.cluster.Revision;
import dev.voiceplane.cli.cluster.Revisions;
import dev.voiceplane.cli.cluster.Rollout;
import dev.voiceplane.stack.StackConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voiceplane rollback}: the guides' {@code deploy.sh rollback} / {@code kubectl rollout undo}
 * for a whole stack. Re-applies a recorded revision (by default the one before the current) and
 * deletes what later applies added — except objects holding data, which stay, named in a warning:
 * a rollback is an on-call reflex and must never lose data. Like {@code rollout undo}, it records
 * the result as a new revision.
 */
@Command(name = "rollback", description = "Re-apply an earlier recorded revision of a stack (default: the one before the current).",
        mixinStandardHelpOptions = true, footer = ExitCode.HELP)
final class RollbackCommand extends VoiceplaneCommand {
    @Mixin
    StackOption stackOption;

    @Mixin
    ClusterOptions clusterOptions;

    @Mixin
    OutputOptions output;

    Integer to;

    @Option(names = "--to", paramLabel = "<revision>", description = "Revision number to return to (see 'voiceplane history').")
    void to(int revision) {
        to = (int) Flags.atLeastOne(spec, "--to", revision, "");
    }

    @Mixin
    RolloutOptions rolloutOptions;

    @Override
    int run() throws Exception {
        StackConfig stack = stackOption.load();
        try (Cluster cluster = clusterOptions.connect()) {
            Revisions revisions = new Revisions(cluster, stack.name(), stack.namespace());
            List<Revision> history = revisions.list();
            String where = " in namespace " + stack.namespace() + " of " + cluster.description();
            Revision target = target(history);
            if (target == null && to != null) {
                return fail(ExitCode.UNEXPECTED_STATE, "no revision " + to + " of stack '" + stack.name() + "'" + where + "; kept: "
                        + (history.isEmpty() ? "none" : String.join(", ", history.stream().map(r -> Integer.toString(r.number())).toList()))
                        + " (see 'voiceplane history')");
            }
            if (target == null) {
                return fail(ExitCode.UNEXPECTED_STATE, "nothing to roll back to: stack '" + stack.name() + "' has " + history.size()
                        + " recorded revision(s)" + where + " (each 'voiceplane apply' records one)");
            }
            terminal.progress("Rolling stack '" + stack.name() + "' back to revision " + target.number() + " (" + target.cause() + ", "
                    + target.appliedAt() + ")");
            Set<ObjectSet.Kind> kinds = new LinkedHashSet<>(ObjectSet.Kind.ALWAYS);
            history.forEach(r -> kinds.addAll(r.objects().kinds()));
            Rollout.Result result = new Rollout(cluster, terminal).run(stack.name(), target.objects(), target.objects().byKey().keySet(),
                    kinds, rolloutOptions.toOptions(true, false), false);
            if (result.refused()) {
                return fail(ExitCode.FAILURE, "nothing rolled back: revision " + target.number() + " would replace an object holding data; "
                        + "use 'voiceplane apply --allow-data-loss' on a checkout of that revision if that is meant");
            }
            result.kept().forEach((object, why) -> terminal.warn("kept " + object + " (not in revision " + target.number() + "): " + why));
            Revision recorded = revisions.record(target.objects(), "rollback to " + target.number());
            if (output.format() == OutputFormat.json) {
                ObjectMapper json = new ObjectMapper();
                var document = json.createObjectNode().put("stack", stack.name()).put("rolledBackTo", target.number())
                        .put("revision", recorded.number());
                document.set("applied", json.valueToTree(result.applied()));
                document.set("pruned", json.valueToTree(result.pruned()));
                document.set("kept", json.valueToTree(result.kept()));
                terminal.out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(document));
            } else {
                terminal.out().println(stack.name() + ": rolled back to revision " + target.number() + " as revision " + recorded.number()
                        + "; applied " + result.applied().size() + ", pruned " + result.pruned().size() + ", kept " + result.kept().size());
            }
            terminal.out().flush();
            terminal.success("Rolled back stack '" + stack.name() + "' to revision " + target.number());
            return ExitCode.OK;
        }
    }

    /** The revision asked for, or the one before the current; null when there is none. */
    private Revision target(List<Revision> history) {
        if (to != null) {
            return history.stream().filter(r -> r.number() == to).findFirst().orElse(null);
        }
        if (history.size() < 2) {
            return null;
        }
        return history.get(history.size() - 2);
    }
}
