package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.cli.cluster.Cluster;
import dev.voiceplane.cli.cluster.Revision;
import dev.voiceplane.cli.cluster.Revisions;
import dev.voiceplane.stack.StackConfig;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code voiceplane history}: the revisions apply and rollback recorded for a stack, oldest first,
 * as {@code helm history} and {@code kubectl rollout history} list theirs: what {@code rollback --to}
 * takes.
 */
@Command(name = "history", description = "List a stack's recorded revisions (number, cause, time, objects), oldest first.",
        mixinStandardHelpOptions = true, footer = ExitCode.HELP)
final class HistoryCommand extends VoiceplaneCommand {
    @Mixin
    StackOption stackOption;

    @Mixin
    ClusterOptions clusterOptions;

    @Mixin
    OutputOptions output;

    @Override
    int run() throws Exception {
        StackConfig stack = stackOption.load();
        try (Cluster cluster = clusterOptions.connect()) {
            List<Revision> revisions = new Revisions(cluster, stack.name(), stack.namespace()).list();
            if (output.format() == OutputFormat.json) {
                ObjectMapper json = new ObjectMapper();
                ObjectNode document = json.createObjectNode().put("stack", stack.name()).put("namespace", stack.namespace());
                ArrayNode list = document.putArray("revisions");
                revisions.forEach(r -> list.addObject().put("number", r.number()).put("cause", r.cause()).put("appliedAt", r.appliedAt())
                        .put("objects", r.objects().size()));
                terminal.out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(document));
            } else {
                terminal.out().println("REVISION\tAPPLIED AT\tOBJECTS\tCAUSE");
                revisions.forEach(r -> terminal.out().println(r.number() + "\t" + r.appliedAt() + "\t" + r.objects().size() + "\t" + r.cause()));
            }
            terminal.out().flush();
            if (revisions.isEmpty()) {
                terminal.warn("no recorded revisions of stack '" + stack.name() + "' in namespace " + stack.namespace()
                        + " of " + cluster.description() + "; each 'voiceplane apply' records one");
            }
            return ExitCode.OK;
        }
    }
}
