package dev.voiceplane.synth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.OutputDirectory;
import dev.voiceplane.testing.Testing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: a stack's chart written to a directory, and real Helm rendering it. */
final class HelmCharts {
    static final String KUBE = "1.33.0";
    private static final YAMLMapper YAML = new YAMLMapper();

    private HelmCharts() {
    }

    static Path chart(Path dir, String stack) {
        Path helm = dir.resolve(stack).resolve("helm");
        OutputDirectory.replace(helm, HelmChart.files(Testing.stack(stack), Testing.synth(stack)));
        return helm;
    }

    /** {@code helm template} as release {@code name} in {@code namespace}. */
    static TemplateCommand template(Path chart, String name, String namespace) {
        return new Helm(chart).template().withName(name).withNamespace(namespace).withKubeVersion(KUBE);
    }

    /** The objects of a rendered multi-document stream. */
    static List<ObjectNode> objects(String yaml) throws Exception {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
            if (doc instanceof ObjectNode o && o.size() > 0) {
                out.add(o);
            }
        }
        return out;
    }

    static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    static String identity(JsonNode o) {
        return o.path("apiVersion").asText() + " " + Manifest.identity(o);
    }

    /** The message of a Helm call that must fail. */
    static String failure(Runnable helm) {
        try {
            helm.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("Helm accepted the values");
    }

    static void assertFailsWith(Runnable helm, String... fragments) {
        String message = failure(helm);
        for (String f : fragments) {
            assertThat(message).contains(f);
        }
    }
}
