package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a stack's synthesized objects with an earlier synthesis of it, object by object, as
 * unified diffs of the YAML synth writes (keys sorted, so a diff shows only real changes).
 */
public final class ManifestDiff {

    private ManifestDiff() {
    }

    /** The difference between the baseline's synthesis of {@code stack} and {@code current}. */
    public static StackDiff compare(String stack, Baseline baseline, List<Manifest> current, int context) {
        return compare(stack, baseline.read(stack), normalized(stack, current), context);
    }

    /** A stack the baseline has and this change does not: every object of it deleted. */
    public static StackDiff removed(String stack, Baseline baseline, int context) {
        StackDiff diff = compare(stack, baseline.read(stack), Map.of(), context);
        return new StackDiff(stack, StackDiff.Status.REMOVED, diff.changes(), 0);
    }

    /** A stack new in this change: every object created. */
    public static StackDiff added(String stack, List<Manifest> current, int context) {
        StackDiff diff = compare(stack, Map.of(), normalized(stack, current), context);
        return new StackDiff(stack, StackDiff.Status.NEW, diff.changes(), 0);
    }

    /**
     * Synthesized objects by key, read back from the YAML synth would write, so that they compare
     * equal to objects read from files or from a cluster (an int is an int on both sides, whatever
     * jsii handed over).
     */
    public static Map<ObjectKey, ObjectNode> normalized(String stack, List<Manifest> current) {
        Map<ObjectKey, ObjectNode> after = new LinkedHashMap<>();
        for (Manifest manifest : current) {
            SynthesizedStack.parse("synthesized " + stack + "/" + manifest.component().fileName(), YamlWriter.write(manifest.objects()),
                    after);
        }
        return after;
    }

    /**
     * The difference between two sets of objects, e.g. what a cluster holds and what apply would
     * make of it: objects only in {@code before} count as deleted, and {@link DataAtRisk} says which
     * deletions and changes can lose data.
     */
    public static StackDiff compare(String stack, Map<ObjectKey, ObjectNode> before, Map<ObjectKey, ObjectNode> after, int context) {
        if (context < 0) {
            throw new IllegalArgumentException("context must be 0 or more lines, got " + context);
        }
        List<ObjectChange> changes = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<ObjectKey, ObjectNode> entry : after.entrySet()) {
            ObjectNode previous = before.get(entry.getKey());
            ObjectNode now = entry.getValue();
            if (previous == null) {
                changes.add(change(ObjectChange.Type.CREATED, stack, null, now, context, RiskRules.classify(null, now)));
            } else if (previous.equals(now)) {
                unchanged++;
            } else if (Normalization.normalize(previous).equals(Normalization.normalize(now))) {
                changes.add(change(ObjectChange.Type.NOOP, stack, previous, now, context, List.of()));
            } else {
                changes.add(change(ObjectChange.Type.CHANGED, stack, previous, now, context, RiskRules.classify(previous, now)));
            }
        }
        for (Map.Entry<ObjectKey, ObjectNode> entry : before.entrySet()) {
            if (!after.containsKey(entry.getKey())) {
                ObjectNode gone = entry.getValue();
                changes.add(change(ObjectChange.Type.DELETED, stack, gone, null, context, RiskRules.classify(gone, null)));
            }
        }
        return new StackDiff(stack, StackDiff.Status.COMPARED, changes, unchanged);
    }

    private static ObjectChange change(ObjectChange.Type type, String stack, ObjectNode before, ObjectNode after, int context,
            List<Risk> risks) {
        ObjectNode[] shown = SecretRedaction.redact(before, after);
        List<String> from = lines(shown[0]);
        List<String> to = lines(shown[1]);
        String identity = Manifest.identity(after != null ? after : before);
        String name = stack + "/" + identity;
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(before == null ? "/dev/null" : "a/" + name,
                after == null ? "/dev/null" : "b/" + name, from, DiffUtils.diff(from, to), context);
        return new ObjectChange(type, identity, diff, risks);
    }

    private static List<String> lines(ObjectNode object) {
        return object == null ? List.of() : YamlWriter.write(List.of(object)).lines().toList();
    }
}
