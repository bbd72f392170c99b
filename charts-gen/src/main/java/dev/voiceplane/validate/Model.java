package dev.voiceplane.validate;

import dev.voiceplane.stack.StackConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the rules look at: the objects (with their files and lines), the facts about the
 * cluster they land on, and the stack that produced them (absent for {@code --dir}).
 */
public final class Model {
    private final List<Source> sources;
    private final ClusterFacts facts;
    private final Optional<StackConfig> stack;
    private List<PodTemplate> pods;

    public Model(List<Source> sources, ClusterFacts facts, Optional<StackConfig> stack) {
        this.sources = List.copyOf(sources);
        this.facts = facts;
        this.stack = stack;
    }

    public List<Source> sources() {
        return sources;
    }

    public ClusterFacts facts() {
        return facts;
    }

    public Optional<StackConfig> stack() {
        return stack;
    }

    public List<Source> ofKind(String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return sources.stream().filter(s -> wanted.contains(s.kind())).toList();
    }

    public Optional<Source> find(String kind, String namespace, String name) {
        return sources.stream().filter(s -> s.kind().equals(kind) && s.namespace().equals(namespace) && s.name().equals(name)).findFirst();
    }

    public Optional<Source> namespaceObject(String name) {
        return find("Namespace", "", name);
    }

    /** The namespaces these objects create. */
    public Set<String> createdNamespaces() {
        Set<String> names = new TreeSet<>();
        ofKind("Namespace").forEach(n -> names.add(n.name()));
        return names;
    }

    /** Every pod template, including pods operators make from custom resources. */
    public List<PodTemplate> pods() {
        if (pods == null) {
            pods = PodTemplate.of(sources);
        }
        return pods;
    }

    /** The pods of objects written in the files (not operator-made). */
    public List<PodTemplate> declaredPods() {
        return pods().stream().filter(p -> !p.operatorMade()).toList();
    }

    /** The containers admission sees in a pod: init containers, containers, and what Istio injects. */
    public List<Container> containers(PodTemplate pod) {
        List<Container> all = new ArrayList<>();
        add(all, pod, "initContainers", true);
        add(all, pod, "containers", false);
        all.addAll(IstioSidecar.containers(this, pod));
        return all;
    }

    private static void add(List<Container> all, PodTemplate pod, String field, boolean init) {
        int i = 0;
        for (var c : pod.spec().path(field)) {
            all.add(new Container(c.path("name").asText(), c, pod.specPath("/" + field + "/" + i++), init, false));
        }
    }
}
