package dev.voiceplane.cli;

import dev.voiceplane.cli.cluster.Rollout;
import picocli.CommandLine.Option;

/** How objects are written to the cluster, shared by the commands that roll a set out (apply, rollback). */
public final class RolloutOptions {
    @Option(names = "--force-conflicts", description = "Take over fields another field manager owns (server-side apply force).")
    boolean forceConflicts;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "300",
            description = "Longest wait for one deletion (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    Rollout.Options toOptions(boolean prune, boolean allowDataLoss) {
        return new Rollout.Options(prune, allowDataLoss, forceConflicts, timeoutSeconds);
    }
}
