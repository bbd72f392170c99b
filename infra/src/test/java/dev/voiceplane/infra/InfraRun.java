package dev.voiceplane.infra;

import com.pulumi.core.Output;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Runs the Pulumi program for one stack of the repository's stacks/ against {@link MockCloud} and
 * keeps what it created: each resource's inputs and the protect/retainOnDelete options it was given.
 * A stack runs once per test JVM (synthesis starts Node through jsii), then tests read the result.
 */
final class InfraRun {
    static final Path STACKS = Path.of("..", "stacks");
    private static final Map<String, InfraRun> RUNS = new ConcurrentHashMap<>();

    record Options(boolean protect, boolean retainOnDelete) {
    }

    final TestResult result;
    final List<MockCloud.Created> created;
    final Map<String, Options> options;

    private InfraRun(TestResult result, List<MockCloud.Created> created, Map<String, Options> options) {
        this.result = result;
        this.created = created;
        this.options = options;
    }

    static synchronized InfraRun of(String stack) {
        return RUNS.computeIfAbsent(stack, InfraRun::run);
    }

    static InfraRun run(String stack) {
        return run(STACKS, stack);
    }

    /** Runs a stack from another stacks/ directory (tests with a broken stack file); not cached. */
    static InfraRun run(Path stacks, String stack) {
        MockCloud cloud = new MockCloud();
        Map<String, Options> options = new ConcurrentHashMap<>();
        ResourceTransformation record = args -> {
            options.put(args.resource().pulumiResourceType() + "::" + args.resource().pulumiResourceName(),
                    new Options(args.options().isProtect(), args.options().isRetainOnDelete()));
            return Optional.empty();
        };
        try {
            Path charts = Files.createTempDirectory("voiceplane-infra-test");
            TestResult result = PulumiTest.withMocks(cloud)
                    .withOptions(TestOptions.builder().projectName("voiceplane").stackName(stack).preview(false)
                            .resourceTransformations(List.of(record)).build())
                    .runTest(VoiceplaneInfra.program(stacks, charts, (ctx, key) -> Output.ofSecret("test-only-" + key)));
            return new InfraRun(result, List.copyOf(cloud.created), Map.copyOf(options));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** Resources of a type, e.g. {@code aws:s3/bucketV2:BucketV2}. */
    List<MockCloud.Created> ofType(String type) {
        return created.stream().filter(c -> c.type().equals(type)).toList();
    }

    MockCloud.Created one(String type) {
        List<MockCloud.Created> all = ofType(type);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + type + ", got " + all.stream().map(MockCloud.Created::name).toList());
        }
        return all.get(0);
    }

    Options optionsOf(MockCloud.Created c) {
        Options o = options.get(c.type() + "::" + c.name());
        if (o == null) {
            throw new AssertionError("no options recorded for " + c.type() + " " + c.name());
        }
        return o;
    }

    Map<String, Long> countsByType() {
        return created.stream().collect(Collectors.groupingBy(MockCloud.Created::type, Collectors.counting()));
    }

    Object output(String name) {
        return PulumiTest.extractValue(result.output(name));
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
