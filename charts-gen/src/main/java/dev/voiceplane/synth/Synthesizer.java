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
import software.constructs.IConstruct;

/**
 * Turns a stack into manifests: builds the system's constructs, validates the whole tree first
 * (every error reported together, before anything is written, as cdk8s's own synth does), then
 * renders each component chart to objects in a stable order.
 */
public final class Synthesizer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Synthesizer() {
    }

    /** All manifests of the stack, in apply order. */
    public static List<Manifest> synth(StackConfig stack) {
        App app = new App();
        ComponentCharts charts = new ComponentCharts(app, stack);
        VoiceSystem.of(stack.system()).compose(charts);
        validate(app);

        List<Manifest> manifests = new ArrayList<>();
        Map<Component, Chart> created = charts.created();
        for (Component component : Component.values()) {
            Chart chart = created.get(component);
            if (chart == null) {
                continue;
            }
            List<ObjectNode> objects = new ArrayList<>();
            for (Object o : chart.toJson()) {
                JsonNode node = JSON.valueToTree(o);
                objects.add((ObjectNode) node);
            }
            objects.sort(Comparator.comparing(Synthesizer::kindRank).thenComparing(Manifest::identity));
            if (!objects.isEmpty()) {
                manifests.add(new Manifest(component, objects));
            }
        }
        return manifests;
    }

    private static void validate(App app) {
        List<String> errors = new ArrayList<>();
        for (IConstruct c : app.getNode().findAll()) {
            for (String message : c.getNode().validate()) {
                errors.add("[" + c.getNode().getPath() + "] " + message);
            }
        }
        if (!errors.isEmpty()) {
            throw new SynthException(errors);
        }
    }

    /** Within a file, objects that others depend on come first. */
    private static int kindRank(JsonNode object) {
        return KindOrder.rank(object.path("kind").asText());
    }
}
