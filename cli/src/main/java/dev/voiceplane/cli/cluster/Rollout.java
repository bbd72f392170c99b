package dev.voiceplane.cli.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.cli.Terminal;
import dev.voiceplane.cli.diff.ManifestDiff;
import dev.voiceplane.cli.diff.ObjectChange;
import dev.voiceplane.cli.diff.ObjectKey;
import dev.voiceplane.cli.diff.StackDiff;
import dev.voiceplane.synth.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a cluster to an object set — what apply and rollback share. First a plan: each object
 * compared with its live version, and (when pruning) the live objects carrying the stack's labels
 * that the set no longer has, every change judged by {@link dev.voiceplane.cli.diff.DataAtRisk}, the
 * one rule set diff uses too. Then, unless it is a dry run: refuse everything if a change would
 * replace an object holding data and that is not allowed; apply component by component; prune,
 * keeping (and naming) every object holding data unless that is allowed.
 */
public final class Rollout {

    /**
     * @param prune          delete labelled live objects the set does not have
     * @param allowDataLoss  delete or replace objects holding data when the set asks for it
     * @param force          take over fields another field manager owns
     * @param timeoutSeconds how long one deletion may take
     */
    public record Options(boolean prune, boolean allowDataLoss, boolean force, long timeoutSeconds) {
    }

    /**
     * What was (or, in a dry run, would be) done.
     *
     * @param diff     live against wanted, secret values hidden
     * @param applied  objects applied, {@code Kind/namespace/name}
     * @param replaced objects deleted and made again (immutable fields changed, allowed)
     * @param pruned   objects deleted
     * @param kept     objects holding data left in place, with why
     * @param refused  true when nothing was written because a change would lose data
     */
    public record Result(StackDiff diff, List<String> applied, List<String> replaced, List<String> pruned, Map<String, String> kept,
                         boolean refused) {
        public Result {
            applied = List.copyOf(applied);
            replaced = List.copyOf(replaced);
            pruned = List.copyOf(pruned);
            kept = Map.copyOf(kept);
        }

        /** True when everything asked for happened. */
        public boolean complete() {
            return !refused && kept.isEmpty();
        }
    }

    private final Cluster cluster;
    private final Terminal terminal;

    public Rollout(Cluster cluster, Terminal terminal) {
        this.cluster = cluster;
        this.terminal = terminal;
    }

    /**
     * @param wanted    the objects to apply
     * @param owned     every object the stack should have after this (prune keeps these)
     * @param kinds     the kinds to look for orphans in
     */
    public Result run(String stack, ObjectSet wanted, Set<ObjectKey> owned, Set<ObjectSet.Kind> kinds, Options options, boolean dryRun) {
        Map<ObjectKey, ObjectNode> before = new LinkedHashMap<>();
        Map<ObjectKey, ObjectNode> after = wanted.byKey();
        after.forEach((key, object) -> cluster.get(object).ifPresent(live -> before.put(key, LiveObjects.project(live, object))));
        Map<ObjectKey, ObjectNode> orphans = options.prune() ? orphans(stack, owned, kinds) : Map.of();
        before.putAll(orphans);
        StackDiff diff = ManifestDiff.compare(stack, before, after, 3);

        List<ObjectChange> replacements = diff.changes().stream()
                .filter(c -> c.type() == ObjectChange.Type.CHANGED && !c.dataAtRisk().isEmpty()).toList();
        boolean refused = !replacements.isEmpty() && !options.allowDataLoss();
        for (ObjectChange change : replacements) {
            change.dataAtRisk().forEach(reason -> report(!options.allowDataLoss(), "change " + change.object() + ": " + reason));
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (ObjectChange change : diff.changes()) {
            if (change.type() == ObjectChange.Type.DELETED && !change.dataAtRisk().isEmpty() && !options.allowDataLoss()) {
                kept.put(change.object(), String.join("; ", change.dataAtRisk()));
            }
        }
        if (dryRun || refused) {
            return new Result(diff, List.of(), List.of(), List.of(), kept, refused);
        }

        Set<String> toReplace = new java.util.HashSet<>(replacements.stream().map(ObjectChange::object).toList());
        List<String> applied = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (Map.Entry<String, List<ObjectNode>> component : wanted.byComponent().entrySet()) {
            terminal.progress("Applying " + component.getKey() + " (" + component.getValue().size() + " objects)");
            for (ObjectNode object : component.getValue()) {
                String identity = Manifest.identity(object);
                if (toReplace.contains(identity)) {
                    terminal.warn("replacing " + identity + " (--allow-data-loss)");
                    cluster.delete(object, options.timeoutSeconds());
                    replaced.add(identity);
                }
                cluster.apply(object, options.force());
                applied.add(identity);
            }
        }
        List<String> pruned = new ArrayList<>();
        for (Map.Entry<ObjectKey, ObjectNode> orphan : orphans.entrySet()) {
            String identity = Manifest.identity(orphan.getValue());
            if (kept.containsKey(identity)) {
                continue; // the caller says why, as an error (apply) or a warning (rollback)
            }
            terminal.progress("Pruning " + identity);
            cluster.delete(orphan.getValue(), options.timeoutSeconds());
            pruned.add(identity);
        }
        return new Result(diff, applied, replaced, pruned, kept, false);
    }

    /** Live objects with the stack's labels that are not in {@code owned}, without server bookkeeping. */
    private Map<ObjectKey, ObjectNode> orphans(String stack, Set<ObjectKey> owned, Set<ObjectSet.Kind> kinds) {
        Map<String, String> labels = Map.of(Labels.MANAGED_BY, Labels.MANAGER, Labels.STACK, stack);
        Map<ObjectKey, ObjectNode> orphans = new LinkedHashMap<>();
        for (ObjectSet.Kind kind : kinds) {
            for (ObjectNode live : cluster.list(kind.apiVersion(), kind.kind(), kind.namespaced(), labels)) {
                ObjectKey key = ObjectKey.of(live);
                if (!owned.contains(key)) {
                    orphans.put(key, LiveObjects.withoutServerFields(live));
                }
            }
        }
        return orphans;
    }

    private void report(boolean error, String message) {
        if (error) {
            terminal.error(message);
        } else {
            terminal.warn(message);
        }
    }
}
