package dev.voiceplane.cli;

import dev.voiceplane.cli.cluster.Rollout;
import picocli.CommandLine.Option;

/** How objects are written to the cluster, shared by the commands that roll a set out (apply, rollback). */
public final class RolloutOptions {
    @Option(names = "--force-conflicts", description = "Take over fields another field manager owns (server-side apply force).")
    boolean forceConflicts;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec spec;

    long timeoutSeconds = 300;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "300",
            description = "Longest wait for one deletion, and for apply's rollouts (default: ${DEFAULT-VALUE}).")
    void timeout(long seconds) {
        timeoutSeconds = Flags.atLeastOne(spec, "--timeout", seconds, " second");
    }

    Rollout.Options toOptions(boolean prune, boolean allowDataLoss) {
        return new Rollout.Options(prune, allowDataLoss, forceConflicts, timeoutSeconds);
    }
}
