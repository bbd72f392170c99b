package dev.voiceplane.infra;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.voiceplane.infra.plan.MockCloud;
import dev.voiceplane.infra.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Runs the Pulumi program for one stack of the repository's stacks/ against {@link MockCloud} (through
 * {@link Plan}) and keeps the graph. A stack runs once per test JVM with the default settings
 * (synthesis starts Node through jsii), then tests read the result; tests of other settings run their own.
 */
final class InfraRun {
    static final Path STACKS = Path.of("..", "stacks");
    static final List<String> ALL = List.of("ai-ninja-production", "ai-ninja-staging", "bharatvoice-production",
            "bharatvoice-staging", "local");
    private static final Map<String, InfraRun> RUNS = new ConcurrentHashMap<>();
    /** The charts directories of this JVM's runs, deleted when it exits (tests read them until then). */
    private static final List<Path> CHARTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHARTS.forEach(InfraRun::delete)));
    }

    private static void delete(Path root) {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            // Best effort at exit: a leftover temporary directory is not worth failing the build for.
        }
    }

    record Options(boolean protect, boolean retainOnDelete) {
    }

    final Plan plan;
    final List<Plan.Node> created;
    final Path charts;

    private InfraRun(Plan plan, Path charts) {
        this.plan = plan;
        this.created = plan.nodes();
        this.charts = charts;
    }

    static synchronized InfraRun of(String stack) {
        return RUNS.computeIfAbsent(stack, s -> run(STACKS, s, Plan.STAND_INS, new MockCloud()));
    }

    /** Runs a stack from another stacks/ directory (tests with a broken stack file); not cached. */
    static InfraRun run(Path stacks, String stack) {
        return run(stacks, stack, Plan.STAND_INS, new MockCloud());
    }

    static InfraRun run(Path stacks, String stack, VoiceplaneInfra.Settings settings, MockCloud cloud) {
        try {
            Path charts = Files.createTempDirectory("voiceplane-infra-test");
            CHARTS.add(charts);
            return new InfraRun(Plan.run(stacks, stack, charts, settings, cloud), charts);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The stand-ins with some settings replaced. */
    static VoiceplaneInfra.Settings settings(Map<String, String> overrides) {
        return new VoiceplaneInfra.Settings() {
            @Override
            public Output<String> secret(Context ctx, String key) {
                return Plan.STAND_INS.secret(ctx, key);
            }

            @Override
            public Optional<String> setting(Context ctx, String key) {
                return overrides.containsKey(key) ? Optional.ofNullable(overrides.get(key)) : Plan.STAND_INS.setting(ctx, key);
            }
        };
    }

    List<String> errors() {
        return plan.errors();
    }

    /** Resources of a type, e.g. {@code aws:s3/bucketV2:BucketV2}. */
    List<Plan.Node> ofType(String type) {
        return created.stream().filter(c -> c.type().equals(type)).toList();
    }

    Plan.Node one(String type) {
        List<Plan.Node> all = ofType(type);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + type + ", got " + all.stream().map(Plan.Node::name).toList());
        }
        return all.get(0);
    }

    Plan.Node named(String type, String name) {
        return ofType(type).stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name + " among "
                        + ofType(type).stream().map(Plan.Node::name).toList()));
    }

    Options optionsOf(Plan.Node c) {
        return new Options(c.protect(), c.retainOnDelete());
    }

    Map<String, Long> countsByType() {
        return created.stream().collect(Collectors.groupingBy(Plan.Node::type, Collectors.counting()));
    }

    Object output(String name) {
        return plan.outputs().get(name);
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> inputs, String path) {
        Object cur = inputs;
        for (String part : path.split("\\.")) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(part);
            } else if (cur instanceof List<?> l) {
                cur = l.get(Integer.parseInt(part));
            } else {
                return null;
            }
        }
        return cur;
    }
}
