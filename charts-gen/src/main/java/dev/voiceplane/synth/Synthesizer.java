package dev.voiceplane.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.ComponentCharts;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.systems.VoiceSystem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.cdk8s.App;
import org.cdk8s.Chart;
import software.amazon.jsii.JsiiEngine;

/**
 * Turns a stack into manifests: builds the system's constructs, has cdk8s validate the whole tree
 * (every error reported together, before anything is written), then renders each component chart
 * to objects in a stable order.
 */
public final class Synthesizer {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How cdk8s's App starts the message of a failed validation. */
    private static final String VALIDATION_FAILED = "Validation failed with the following errors:";

    private Synthesizer() {
    }

    /** All manifests of the stack, in apply order. */
    public static List<Manifest> synth(StackConfig stack) {
        return synth(stack, VoiceSystem.of(stack.system()));
    }

    /** As {@link #synth(StackConfig)}, adding the time of building and of rendering to {@code timings}. */
    public static List<Manifest> synth(StackConfig stack, SynthTimings timings) {
        return synth(stack, VoiceSystem.of(stack.system()), timings);
    }

    static List<Manifest> synth(StackConfig stack, VoiceSystem system) {
        return synth(stack, system, SynthTimings.NONE);
    }

    private static List<Manifest> synth(StackConfig stack, VoiceSystem system, SynthTimings timings) {
        SynthTimings.Mark start = timings.mark();
        App app = new App();
        ComponentCharts charts = new ComponentCharts(app, stack);
        system.compose(charts);
        SynthTimings.Mark built = timings.addBuild(start);

        List<Manifest> manifests = new ArrayList<>();
        Map<Component, Chart> created = charts.created();
        for (Component component : Component.values()) {
            Chart chart = created.get(component);
            if (chart == null) {
                continue;
            }
            List<ObjectNode> objects = objects(chart);
            if (!objects.isEmpty()) {
                manifests.add(new Manifest(component, objects));
            }
        }
        timings.addRender(built);
        return manifests;
    }

    /**
     * One chart's objects, those others depend on first; a {@link SynthException} listing every
     * validation error of the whole app when the tree is invalid (see {@link #toJson}).
     */
    public static List<ObjectNode> objects(Chart chart) {
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode node : toJson(chart)) {
            objects.add((ObjectNode) node);
        }
        objects.sort(Comparator.comparing(Synthesizer::kindRank).thenComparing(Manifest::identity));
        return objects;
    }

    /**
     * The chart's objects. cdk8s validates the whole app before rendering any chart (every
     * construct's validations, all errors collected, one {@code [path] message} line each), so the
     * first chart rendered is where an invalid tree stops, before anything is written. Asking each
     * construct from Java instead would cost two jsii round trips per construct and stack.
     *
     * <p>The JSON is taken as the jsii client receives it: {@code chart.toJson()} would turn it into
     * Java maps and lists (jsii's object mapper, looking at every value for object references) only for
     * it to be turned back into a tree here; cdk8s resolves every token and reference before it returns
     * the objects, so they are plain JSON.
     */
    private static List<JsonNode> toJson(Chart chart) {
        try {
            JsiiEngine engine = JsiiEngine.getInstance();
            JsonNode result = engine.getClient().callMethod(engine.nativeToObjRef(chart), "toJson", JSON.createArrayNode());
            List<JsonNode> objects = new ArrayList<>();
            for (JsonNode o : result) {
                if (!o.isObject() || !o.path("kind").isTextual()) {
                    throw new IllegalStateException("chart " + chart.getNode().getPath() + " rendered something other than a Kubernetes object: " + o);
                }
                objects.add(o);
            }
            return objects;
        } catch (RuntimeException e) {
            // jsii rethrows the JavaScript error as a RuntimeException carrying its message and stack.
            String message = String.valueOf(e.getMessage());
            int start = message.indexOf(VALIDATION_FAILED);
            if (start < 0) {
                throw e;
            }
            List<String> errors = new ArrayList<>();
            for (String line : message.substring(start + VALIDATION_FAILED.length()).strip().split("\n")) {
                if (!line.strip().startsWith("[")) {
                    break;
                }
                errors.add(line.strip());
            }
            throw new SynthException(errors.isEmpty() ? List.of(message) : errors);
        }
    }

    /** Within a file, objects that others depend on come first. */
    private static int kindRank(JsonNode object) {
        return KindOrder.rank(object.path("kind").asText());
    }
}
