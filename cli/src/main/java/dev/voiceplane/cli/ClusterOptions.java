package dev.voiceplane.cli;

import dev.voiceplane.cli.cluster.Cluster;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --kubeconfig} and {@code --context}, shared by every command that talks to a cluster (as kubectl names them). */
public final class ClusterOptions {
    @Option(names = "--kubeconfig", paramLabel = "<file>",
            description = "Kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "<name>", description = "Kubeconfig context to use (default: its current context).")
    String context;

    @Option(names = "--in-cluster", description = "Use the pod's service account instead of a kubeconfig (never used unless given).")
    boolean inCluster;

    /** A connection that has answered once; exit 2 for an unusable kubeconfig, 5 for an unreachable cluster. */
    public Cluster connect() {
        return Cluster.connect(kubeconfig, context, inCluster);
    }
}
