package dev.voiceplane.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.Cloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One rule's test case: the clean application ({@code validate/clean.yaml}) broken in one place, the
 * finding expected (object and field), and the facts of the cluster it runs on.
 */
record RuleCase(String rule, UnaryOperator<String> breakIt, String object, String path, ClusterFacts facts) {
    /** A cluster that enforces policies, runs the Istio CNI and a meshed ingress-nginx, and has the "letsencrypt" ClusterIssuer. */
    static final ClusterFacts FACTS = new ClusterFacts(Cloud.NONE, "calico", false, false, true, Set.of("letsencrypt"), Set.of("ingress-nginx"));
    static final String CLEAN = read("validate/clean.yaml");

    static RuleCase of(String rule, UnaryOperator<String> breakIt, String object, String path) {
        return new RuleCase(rule, breakIt, object, path, FACTS);
    }

    /** Replaces {@code old} (which must occur) with {@code replacement}. */
    static UnaryOperator<String> replace(String old, String replacement) {
        return yaml -> {
            assertThat(yaml).as("the clean application contains the text a case changes").contains(old);
            return yaml.replace(old, replacement);
        };
    }

    static UnaryOperator<String> append(String documents) {
        return yaml -> yaml + "---\n" + documents;
    }

    RuleCase on(ClusterFacts other) {
        return new RuleCase(rule, breakIt, object, path, other);
    }

    String broken() {
        return breakIt.apply(CLEAN);
    }

    @Override
    public String toString() {
        return rule;
    }

    static Rule rule(String id) {
        return RuleRegistry.policy().stream().filter(r -> r.spec().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + id));
    }

    /** Runs one rule (and the waiver rule) over YAML text. */
    static Report run(String rule, String yaml, ClusterFacts facts) {
        return run(rule, YamlDocuments.read("test.yaml", yaml), facts);
    }

    static Report run(String rule, List<Source> sources, ClusterFacts facts) {
        List<Rule> rules = rule.equals(RuleRegistry.WAIVER.id()) ? List.of(rule(rule)) : List.of(rule(rule), rule(RuleRegistry.WAIVER.id()));
        return new Validation(rules).run("test", new Model(sources, facts, Optional.empty()), Optional.empty());
    }

    /** The sources of the broken application with the waiver annotation on the case's object. */
    List<Source> waived(String reason) {
        List<Source> sources = YamlDocuments.read("test.yaml", broken());
        Source target = sources.stream().filter(s -> s.ref().id().equals(object)).findFirst()
                .orElseThrow(() -> new AssertionError("no object " + object));
        ((ObjectNode) target.object().path("metadata")).with("annotations").put(Waiver.annotationFor(rule), reason);
        return sources;
    }

    static String read(String resource) {
        try (InputStream in = RuleCase.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
