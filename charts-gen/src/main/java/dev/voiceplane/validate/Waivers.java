package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@link Waiver}s an object carries in its annotations. */
final class Waivers {
    private Waivers() {
    }

    static List<Waiver> of(Source source) {
        List<Waiver> waivers = new ArrayList<>();
        JsonNode annotations = source.object().path("metadata").path("annotations");
        for (var it = annotations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith(Waiver.PREFIX)) {
                waivers.add(new Waiver(e.getKey().substring(Waiver.PREFIX.length()), e.getValue().asText("").strip(), e.getKey()));
            }
        }
        return waivers;
    }
}
