package dev.voiceplane.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.Component;
import dev.voiceplane.stack.CloudIdentities;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackFiles;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.SynthException;
import dev.voiceplane.synth.Synthesizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.cdk8s.App;
import org.cdk8s.Chart;

/**
 * Small helpers that keep tests short, in the spirit of cdk8s's {@code Testing}: a bare chart to
 * build one construct in ({@link #chart()}), the repository's stacks, synthesized objects by kind and
 * name, and golden files that change only when asked ({@code -Dvoiceplane.updateGolden=true}).
 */
public final class Testing {
    private static final Map<String, List<Manifest>> SYNTHESIZED = new ConcurrentHashMap<>();

    private Testing() {
    }

    /**
     * A bare cdk8s app and chart with cdk8s's defaults (no stack labels, no namespace), so one construct
     * can be built alone with only the option under test: {@code new Microservice(Testing.chart(), ...)}.
     */
    public static Chart chart() {
        return new Chart(new App(), "test");
    }

    /**
     * One bare chart per component, in one app, for a construct's {@code placement(charts::get)}: each object
     * then lands in the chart of its component.
     */
    public static Map<Component, Chart> charts(Component... components) {
        App app = new App();
        Map<Component, Chart> charts = new EnumMap<>(Component.class);
        for (Component c : components) {
            charts.put(c, new Chart(app, c.id()));
        }
        return charts;
    }

    /** The kinds of the chart's objects, in synth order. */
    public static List<String> kinds(Chart chart) {
        return synth(chart).stream().map(o -> o.path("kind").asText()).toList();
    }

    /** The chart's objects as synth renders them; every construct's validations run first. */
    public static List<ObjectNode> synth(Chart chart) {
        return Synthesizer.objects(chart);
    }

    /** The single object of this kind and name in the chart; fails listing what exists otherwise. */
    public static ObjectNode object(Chart chart, String kind, String name) {
        List<ObjectNode> all = synth(chart);
        List<ObjectNode> found = all.stream().filter(o -> o.path("kind").asText().equals(kind)
                && o.path("metadata").path("name").asText().equals(name)).toList();
        assertThat(found).as("%s %s (have: %s)", kind, name, all.stream().map(Manifest::identity).toList()).hasSize(1);
        return found.get(0);
    }

    /** The chart's objects of one kind. */
    public static List<ObjectNode> ofKind(Chart chart, String kind) {
        return synth(chart).stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    /**
     * The {@code [construct/path] message} errors synth reports for the chart's tree; fails when the tree
     * is valid.
     */
    public static List<String> errors(Chart chart) {
        try {
            List<ObjectNode> objects = synth(chart);
            throw new AssertionError("expected validation errors, but the chart synthesized " + objects.size() + " objects");
        } catch (SynthException e) {
            return e.errors();
        }
    }

    /** The repository root: the nearest directory up with Pulumi.yaml and stacks/. */
    public static Path repoRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("Pulumi.yaml")) && Files.isDirectory(d.resolve("stacks"))) {
                return d;
            }
        }
        throw new IllegalStateException("no Pulumi.yaml with stacks/ above " + Path.of("").toAbsolutePath());
    }

    public static StackFiles stacks() {
        return new StackFiles(repoRoot().resolve("stacks"));
    }

    /**
     * Suffix of a stack name for the stack as infra deploys it: with the values the stack file no longer
     * carries (workload identities, the EFS id) filled in, as {@code pulumi up} does
     * ({@link StackConfig#withDeployTimeValues}); e.g. {@code bharatvoice-production@deployed}.
     */
    public static final String DEPLOYED = "@deployed";
    /** The AWS account of {@link #DEPLOYED} stacks' role ARNs (AWS's documentation example account). */
    public static final String DEPLOYED_ACCOUNT = "111122223333";
    public static final String DEPLOYED_CLIENT_ID = "3f1c2a9e-6b7d-4e8f-9a0b-1c2d3e4f5a6b";
    public static final String DEPLOYED_EFS = "fs-0123456789abcdef0";
    public static final String DEPLOYED_TENANT = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";

    public static StackConfig stack(String name) {
        if (name.endsWith(DEPLOYED)) {
            StackConfig s = stacks().load(name.substring(0, name.length() - DEPLOYED.length()));
            CloudIdentities named = s.cloudIdentities();
            CloudIdentities filled = switch (s.cloud()) {
                case AWS -> new CloudIdentities("", "arn:aws:iam::" + DEPLOYED_ACCOUNT + ":role/" + s.name() + "-external-secrets",
                        named.backupBucket(), "", "arn:aws:iam::" + DEPLOYED_ACCOUNT + ":role/" + s.name() + "-backups", DEPLOYED_EFS, "");
                case AZURE -> new CloudIdentities(named.vaultUrl(), DEPLOYED_CLIENT_ID, named.backupBucket(), named.backupAccount(),
                        named.backupBucket().isEmpty() ? "" : DEPLOYED_CLIENT_ID, "", DEPLOYED_TENANT);
                case NONE -> named;
            };
            return s.withDeployTimeValues(filled, s.images().registry());
        }
        return stacks().load(name);
    }

    /** The stack's manifests; synthesized once per test JVM since synthesis is deterministic. */
    public static List<Manifest> synth(String stack) {
        return SYNTHESIZED.computeIfAbsent(stack, s -> Synthesizer.synth(stack(s)));
    }

    /** A JSON object literal, for feeding rules hand-made input. */
    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<ObjectNode> objects(String stack) {
        return synth(stack).stream().flatMap(m -> m.objects().stream()).toList();
    }

    public static List<ObjectNode> ofKind(String stack, String kind) {
        return objects(stack).stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    /** The single object of this kind and name; fails listing what exists otherwise. */
    public static ObjectNode object(String stack, String kind, String name) {
        Predicate<JsonNode> match = o -> o.path("metadata").path("name").asText().equals(name);
        List<ObjectNode> found = ofKind(stack, kind).stream().filter(match).toList();
        assertThat(found).as("%s %s in stack %s (have: %s)", kind, name, stack,
                ofKind(stack, kind).stream().map(Manifest::identity).toList()).hasSize(1);
        return found.get(0);
    }

    /**
     * Compares {@code actual} with the golden file {@code src/test/resources/golden/<relative>},
     * or rewrites the file when {@code voiceplane.updateGolden} is true.
     */
    public static void assertGolden(String relative, String actual) {
        Path golden = Path.of("src/test/resources/golden").resolve(relative);
        try {
            if (Boolean.getBoolean("voiceplane.updateGolden")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(golden).as("golden file %s (create it with -Dvoiceplane.updateGolden=true)", golden).exists();
            String expected = Files.readString(golden, StandardCharsets.UTF_8);
            assertThat(actual).as("synthesized output differs from %s; if the change is intended, "
                    + "rerun with -Dvoiceplane.updateGolden=true and review the diff", golden).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
